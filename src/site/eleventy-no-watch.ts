/**
 * Imported before Eleventy (render-site.ts): turns off Eleventy's ESM cache-busting resolver, which
 * only serves its watch mode. On Node 20 that resolver is a `module.register` hook: a loader thread,
 * and every later import of the thread goes through it. Measured on the project's machine: the
 * import of Eleventy went from 0.92-1.0 to 0.71-0.86 CPU-seconds, and the hook thread's own CPU goes.
 * A value the user set is kept.
 */
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
