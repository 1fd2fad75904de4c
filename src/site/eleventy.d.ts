/**
 * The small part of Eleventy 3's programmatic API this project uses: the package ships JSDoc, not
 * TypeScript declarations. Checked against @11ty/eleventy 3.1 (src/Eleventy.js, src/UserConfig.js).
 */
declare module "@11ty/eleventy" {
  /** The `eleventyConfig` a config function receives (only the methods we call). */
  export interface UserConfig {
    setNunjucksEnvironmentOptions(options: {autoescape?: boolean; throwOnUndefined?: boolean; trimBlocks?: boolean; lstripBlocks?: boolean}): void;
    addGlobalData(name: string, data: unknown): void;
    /** a path relative to the working folder, or {source: target in the output} */
    addPassthroughCopy(source: string | Record<string, string>): void;
    setTemplateFormats(formats: string[]): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
  }

  export interface EleventyOptions {
    /** a config file to load, or false to load none (not even ./.eleventy.js) */
    configPath?: string | false;
    quietMode?: boolean;
    /** called with the UserConfig before Eleventy initialises */
    config?: (eleventyConfig: UserConfig) => void | Promise<void>;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    /** silences the console, including the "Wrote N files" line that quietMode still prints */
    disableLogger(): void;
  }
}
