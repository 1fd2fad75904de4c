/**
 * What the page gets for `node:path` (write-explorer.ts aliases it here): errors.ts imports it for
 * fromHere, which only the CLI calls. Paths in the page are the file's own.
 */
const nodePath = {relative: (_from: string, to: string) => to, isAbsolute: () => true};
export default nodePath;
