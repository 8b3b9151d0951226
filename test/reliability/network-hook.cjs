// Preloaded with --require in the CLI's process and in every worker thread it starts: records each attempt
// to open a network connection or resolve a name, with the thread it came from, in EXPECT_CHECK_NET_LOG.
const { appendFileSync } = require('node:fs');
const { threadId } = require('node:worker_threads');
const net = require('node:net');
const dgram = require('node:dgram');
const dns = require('node:dns');

const log = process.env.EXPECT_CHECK_NET_LOG;
const record = (what, args) => {
  // net.connect hands Socket#connect its arguments already normalized, as one array
  const flat = Array.isArray(args[0]) ? args[0] : args;
  const target = flat
    .slice(0, 2)
    .filter((a) => typeof a !== 'function')
    .map((a) =>
      typeof a === 'object' && a !== null
        ? JSON.stringify({ host: a.host, port: a.port, path: a.path, fd: a.fd })
        : String(a),
    )
    .join(' ');
  appendFileSync(log, `${what} thread=${threadId} ${target}\n`);
};
const wrap = (owner, name, what) => {
  const original = owner[name];
  owner[name] = function (...args) {
    record(what, args);
    return original.apply(this, args);
  };
};
if (log) {
  wrap(net.Socket.prototype, 'connect', 'connect');
  wrap(dgram.Socket.prototype, 'send', 'udp');
  wrap(dns, 'lookup', 'lookup');
  wrap(dns, 'resolve', 'resolve');
  wrap(dns.promises, 'lookup', 'lookup');
  if (typeof globalThis.fetch === 'function') wrap(globalThis, 'fetch', 'fetch');
}
