/**
 * The seeded PRNG (mulberry32) for benches and repo tests: the same one core's regex test
 * generators use, so generated inputs repeat run after run.
 */
export { rng as prng } from "../../packages/core/src/regex/regex-gen";
