/**
 * How a service contract is declared once and bound to any transport (Electron IPC, WebSocket).
 * A contract is `{ service: { method: method(in, out), onEvent: event(payload) } }`; the client and
 * the dispatcher are both derived from it, so there is no second place where a method is typed.
 */
import { z } from 'zod';
import type { WireError } from './errors';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly kind: 'method';
  readonly input: I;
  readonly output: O;
}

export interface EventDef<P extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly payload: P;
}

export type MemberDef = MethodDef | EventDef;
export type ServiceDef = Readonly<Record<string, MemberDef>>;
export type ApiDef = Readonly<Record<string, ServiceDef>>;

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> {
  return { kind: 'method', input, output };
}

export function event<P extends z.ZodType>(payload: P): EventDef<P> {
  return { kind: 'event', payload };
}

export function defineApi<A extends ApiDef>(api: A): A {
  for (const [service, members] of Object.entries(api)) {
    for (const name of Object.keys(members)) {
      const member = members[name]!;
      // Events are `onXxx`, commands are verbs: the name alone tells a reader which is which.
      if ((member.kind === 'event') !== /^on[A-Z]/.test(name)) {
        throw new Error(`contract ${service}.${name}: events must be named onXxx and methods must not`);
      }
    }
  }
  return api;
}

/** What a renderer holds: every method returns a promise, every event subscribes and returns an unsubscribe. */
export type ClientOf<A extends ApiDef> = {
  readonly [S in keyof A]: {
    readonly [K in keyof A[S]]: A[S][K] extends MethodDef<infer I, infer O>
      ? undefined extends z.input<I>
        ? (input?: z.input<I>) => Promise<z.output<O>>
        : (input: z.input<I>) => Promise<z.output<O>>
      : A[S][K] extends EventDef<infer P>
        ? (listener: (payload: z.output<P>) => void) => () => void
        : never;
  };
};

/** What a service implementation provides: methods only; events are pushed through the context. */
export type ImplOf<A extends ApiDef, Ctx> = {
  readonly [S in keyof A]: {
    readonly [K in keyof A[S] as A[S][K] extends MethodDef ? K : never]: A[S][K] extends MethodDef<infer I, infer O>
      ? (input: z.output<I>, ctx: Ctx) => Promise<z.input<O>> | z.input<O>
      : never;
  };
};

export type EventName<A extends ApiDef> = {
  [S in keyof A & string]: {
    [K in keyof A[S] & string]: A[S][K] extends EventDef ? `${S}.${K}` : never;
  }[keyof A[S] & string];
}[keyof A & string];

export type EventPayload<A extends ApiDef, N extends EventName<A>> = N extends `${infer S}.${infer K}`
  ? A[S][K] extends EventDef<infer P>
    ? z.input<P>
    : never
  : never;

/** The wire frames, shared by every transport. */
export const RequestFrame = z.object({
  id: z.number().int().nonnegative(),
  service: z.string().min(1).max(64),
  method: z.string().min(1).max(64),
  args: z.unknown().optional(),
});
export type RequestFrame = z.infer<typeof RequestFrame>;

export type ResponseFrame =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: WireError };

export interface EventFrame {
  type: 'event';
  service: string;
  event: string;
  payload: unknown;
}

export type ServerFrame = ResponseFrame | EventFrame;

export function findMethod(api: ApiDef, service: string, name: string): MethodDef | undefined {
  if (!Object.hasOwn(api, service)) return undefined;
  const members = api[service]!;
  if (!Object.hasOwn(members, name)) return undefined;
  const member = members[name]!;
  return member.kind === 'method' ? member : undefined;
}

export function findEvent(api: ApiDef, service: string, name: string): EventDef | undefined {
  if (!Object.hasOwn(api, service)) return undefined;
  const members = api[service]!;
  if (!Object.hasOwn(members, name)) return undefined;
  const member = members[name]!;
  return member.kind === 'event' ? member : undefined;
}

/** Formats a zod error as one line a person can read: which field, what is wrong. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');
}
