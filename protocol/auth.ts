import { z } from 'zod';

export const Role = z.enum(['agent', 'lead', 'admin', 'installer']);
export type Role = z.infer<typeof Role>;

export const Username = z.string().trim().min(1).max(64).regex(/^[\w.@-]+$/, 'letters, digits, . _ @ - only');

export const LoginRequest = z.object({
  username: Username,
  password: z.string().min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const UserInfo = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  /** The agent's extension (工号); null for users without a seat. */
  extension: z.string().nullable(),
});
export type UserInfo = z.infer<typeof UserInfo>;

export const LoginResponse = z.object({
  token: z.string(),
  expiresAt: z.number().int(),
  user: UserInfo,
});
export type LoginResponse = z.infer<typeof LoginResponse>;
