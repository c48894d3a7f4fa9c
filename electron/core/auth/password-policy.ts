// Pure (Node). The password policy lives in shared/password/policy.ts so that main's check and the renderer's
// strength meter run the very same code; main keeps importing it from here.
export * from '../../../shared/password/policy';
