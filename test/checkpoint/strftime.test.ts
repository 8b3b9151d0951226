import { describe, expect, it } from 'vitest';
import { strftime, unknownDirective } from '../../src/checkpoint/strftime.js';

describe('strftime', () => {
  // Python: datetime(2024, 3, 5, 14, 7, 9, 123000, tzinfo=timezone.utc).strftime(...)
  const t = new Date(Date.UTC(2024, 2, 5, 14, 7, 9, 123));
  it.each([
    ['%Y%m%d_%H%M%S', '20240305_140709'],
    ['training_data_%Y%m%d_%H%M%S', 'training_data_20240305_140709'],
    ['%Y-%m-%dT%H:%M:%S.%f%z', '2024-03-05T14:07:09.123000+0000'],
    ['%y %j %a %A %b %B %w', '24 065 Tue Tuesday Mar March 2'],
    ['%I%p %Z 100%%', '02PM UTC 100%'],
    ['no directives', 'no directives'],
  ])('%s', (template, expected) => {
    expect(strftime(template, t)).toBe(expected);
  });

  it('counts midnight as 12AM', () => {
    expect(strftime('%I%p', new Date(Date.UTC(2024, 0, 1, 0, 30)))).toBe('12AM');
  });

  it('names the first unknown directive', () => {
    expect(unknownDirective('%Y-%Q-%K')).toBe('%Q');
    expect(unknownDirective('run_%')).toBe('%');
    expect(unknownDirective('%Y%m%d-%%')).toBeUndefined();
  });
});
