// Pure (Node). What other domains may use of `auth`.
export { createAuthModule, type AuthModule, type PasswordHasherFactory } from './auth-module';
export type { AuthService } from './auth-service';
export type { AccountSettingsService } from './account-settings-service';
export type { LoginThrottle } from './login-throttle';
export type { PasswordHasher } from './password-hasher';
export { clampMinLength } from './password-policy';
export { assertConfirmed, type PasswordRules } from './password-rules';
