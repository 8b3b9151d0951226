/** The byte codes the CSV reader's parsers look for. */
export const TAB = 9;
export const LF = 10;
export const CR = 13;
export const SPACE = 32;
export const QUOTE = 34;
export const PLUS = 43;
export const MINUS = 45;
export const DOT = 46;
export const COLON = 58;
