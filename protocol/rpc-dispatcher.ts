/**
 * Turns a request frame into a response frame for any transport: checks the frame, finds the method
 * in the contract, validates the arguments, calls the implementation and validates its result.
 * Nothing a caller sends can make it throw: every failure becomes a typed error frame.
 */
import { BranchlineError, toWireError } from './errors';
import { RequestFrame, describeZodError, findMethod } from './rpc';
import type { ApiDef, ImplOf, ResponseFrame } from './rpc';

export interface DispatcherOptions {
  /** Called with unexpected (non-Branchline) errors so they reach the log with their stack. */
  onUnexpectedError?: (err: unknown, where: string) => void;
}

export interface Dispatcher<Ctx> {
  dispatch(frame: unknown, ctx: Ctx): Promise<ResponseFrame>;
}

export function createDispatcher<A extends ApiDef, Ctx>(
  api: A,
  impl: ImplOf<A, Ctx>,
  options: DispatcherOptions = {},
): Dispatcher<Ctx> {
  const table = impl as unknown as Record<string, Record<string, (input: unknown, ctx: Ctx) => unknown>>;
  return {
    async dispatch(frame, ctx) {
      const parsedFrame = RequestFrame.safeParse(frame);
      if (!parsedFrame.success) {
        const id = frame && typeof frame === 'object' && typeof (frame as { id?: unknown }).id === 'number' ? (frame as { id: number }).id : null;
        return errorFrame(id, new BranchlineError('BL_ERR_RPC_BAD_FRAME', `Malformed request frame: ${describeZodError(parsedFrame.error)}`));
      }
      const { id, service, method: name, args } = parsedFrame.data;
      const def = findMethod(api, service, name);
      const fn = def ? table[service]?.[name] : undefined;
      if (!def || typeof fn !== 'function') {
        return errorFrame(id, new BranchlineError('BL_ERR_RPC_UNKNOWN_METHOD', `Unknown method ${service}.${name}`));
      }
      const input = def.input.safeParse(args);
      if (!input.success) {
        return errorFrame(id, new BranchlineError('BL_ERR_RPC_INVALID_ARGS', `Invalid arguments for ${service}.${name}: ${describeZodError(input.error)}`));
      }
      let result: unknown;
      try {
        result = await fn(input.data, ctx);
      } catch (err) {
        if (!(err instanceof BranchlineError)) options.onUnexpectedError?.(err, `${service}.${name}`);
        return { type: 'error', id, error: toWireError(err) };
      }
      const output = def.output.safeParse(result);
      if (!output.success) {
        options.onUnexpectedError?.(new Error(`${service}.${name} returned ${describeZodError(output.error)}`), `${service}.${name}`);
        return errorFrame(id, new BranchlineError('BL_ERR_RPC_INVALID_RESULT'));
      }
      return { type: 'result', id, result: output.data };
    },
  };
}

function errorFrame(id: number | null, err: BranchlineError): ResponseFrame {
  return { type: 'error', id, error: err.toWire() };
}
