import { describe, expect, it } from 'vitest';
import { BranchlineError } from '../../../protocol/errors';
import { compileFlow, validateFlow } from './flow-validator';
import { flowOf } from './testing/ivr-test-kit';

const errorsOf = (input: unknown): string[] => {
  const v = validateFlow(input);
  return v.ok ? [] : v.errors.map((e) => e.message);
};

describe('flow validation', () => {
  it('accepts a small flow and reports the unused prompt as a warning', () => {
    const v = validateFlow(flowOf({ hi: { type: 'play', prompts: ['w'], next: 'bye' }, bye: { type: 'hangup' } }, { w: '欢迎', spare: '备用' }));
    expect(v.ok).toBe(true);
    expect(v.warnings.map((w) => w.message)).toEqual(['prompts.spare: prompt "spare" is never played']);
  });

  it('names the node and field of a schema error', () => {
    const v = validateFlow(flowOf({ m: { type: 'menu', prompt: 'p', options: [{ digit: '12', next: 'x' }], onFailure: 'x' } as never, x: { type: 'hangup' } }, { p: '请按键' }));
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.errors[0]).toMatchObject({ node: 'm', path: 'nodes.m.options.0.digit' });
    expect(v.errors[0]?.message).toMatch(/^node "m" field options\.0\.digit: a DTMF key/);
  });

  it('rejects an unknown node type with the node named', () => {
    expect(errorsOf(flowOf({ a: { type: 'dance', next: 'a' } as never }))[0]).toMatch(/^node "a"/);
  });

  it('reports unknown next nodes and missing prompts by node', () => {
    const errs = errorsOf(
      flowOf(
        {
          start: { type: 'play', prompts: ['nope'], next: 'ghost' },
          m: { type: 'menu', prompt: 'p', options: [{ digit: '1', next: 'start' }], onFailure: 'start', invalidPrompt: 'missing' },
        },
        { p: '请按键' },
      ),
    );
    expect(errs).toEqual([
      'node "start" field next: unknown next node "ghost"',
      'node "start" field prompts[0]: missing prompt "nope" (not in prompts)',
      'node "m" field invalidPrompt: missing prompt "missing" (not in prompts)',
    ]);
  });

  it('reports a play node with nothing to play', () => {
    expect(errorsOf(flowOf({ a: { type: 'play', next: 'b' }, b: { type: 'hangup' } }))).toEqual([
      'node "a" field prompts: missing prompt: a play node needs prompts or a wav',
    ]);
  });

  it('reports menu digit collisions', () => {
    const errs = errorsOf(
      flowOf(
        { m: { type: 'menu', prompt: 'p', options: [{ digit: '1', next: 'x' }, { digit: '2', next: 'x' }, { digit: '1', next: 'x' }], onFailure: 'x' }, x: { type: 'hangup' } },
        { p: '请按键' },
      ),
    );
    expect(errs).toEqual(['node "m" field options[2].digit: digit "1" collides with options[0]']);
  });

  it('warns about unreachable nodes', () => {
    const v = validateFlow(flowOf({ a: { type: 'hangup' }, orphan: { type: 'hangup' } }));
    expect(v.ok).toBe(true);
    expect(v.warnings).toEqual([expect.objectContaining({ node: 'orphan', message: 'node "orphan" field type: unreachable: no path from the start node leads here' })]);
  });

  it('rejects loops that never wait for the caller, but allows loops through a menu', () => {
    const spin = flowOf({
      a: { type: 'set', assign: { n: 'n + 1' }, next: 'b' },
      b: { type: 'condition', branches: [{ when: 'n > 1000', next: 'end' }], else: 'a' },
      end: { type: 'hangup' },
    });
    expect(errorsOf(spin)).toEqual(['node "a" field next: loop without caller input: a → b → a never waits for a key press']);
    const self = flowOf({ p: { type: 'play', prompts: ['x'], next: 'p' } }, { x: '等待音' });
    expect(errorsOf(self)[0]).toMatch(/node "p".*loop without caller input: p → p/);
    const ok = flowOf(
      { m: { type: 'menu', prompt: 'x', options: [{ digit: '1', next: 's' }], onFailure: 'end' }, s: { type: 'set', assign: { n: '1' }, next: 'm' }, end: { type: 'hangup' } },
      { x: '菜单' },
    );
    expect(validateFlow(ok).ok).toBe(true);
  });

  it('rejects bad expressions, bad zones, read-only writes and inverted hours', () => {
    const errs = errorsOf(
      flowOf({
        a: { type: 'set', assign: { 'caller.tier': "'VIP'", x: '1 +' }, next: 's' },
        s: { type: 'schedule', timeZone: 'Mars/Olympus', hours: [{ days: [1], from: '18:00', to: '09:00' }], open: 'c', closed: 'c' },
        c: { type: 'condition', branches: [{ when: 'eval(x)', next: 'e' }], else: 'e' },
        e: { type: 'hangup' },
      }),
    );
    expect(errs).toEqual([
      'node "a" field assign.x: bad expression "1 +": unexpected end of expression',
      'node "a" field assign.caller.tier: "caller.tier" is read-only',
      'node "s" field timeZone: unknown IANA time zone "Mars/Olympus"',
      'node "s" field hours[0]: from 18:00 is not before to 09:00',
      'node "c" field branches[0].when: bad expression "eval(x)": unknown function "eval" at 0',
    ]);
  });

  it('throws BL_ERR_IVR_INVALID_FLOW with every error in details', () => {
    try {
      compileFlow(flowOf({ a: { type: 'play', prompts: ['x'], next: 'zz' } }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(BranchlineError);
      expect((err as BranchlineError).code).toBe('BL_ERR_IVR_INVALID_FLOW');
      expect((err as BranchlineError).details).toMatchObject({ errors: [{ node: 'a' }, { node: 'a' }] });
    }
  });
});
