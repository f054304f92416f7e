import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { isFunctionNode, type FunctionNode, type Node } from '../utils/ast';
import { pushChildNodes } from './walk';

type CodePath = TSESLint.CodePath;
export type Segment = TSESLint.CodePathSegment;

/** Whether a step is taken when the traversal enters a node or when it leaves it (after its children ran). */
export type Phase = 'enter' | 'exit';

/** A watched node passed on a code path: `enter` before its children run, `exit` after. */
export interface Step {
  readonly node: Node;
  readonly phase: Phase;
}

/** What a step does to the thing a flow follows. */
export type StepEffect =
  /** The path is done with it (a response body read or released): the path is no longer followed. */
  | 'kill'
  /**
   * The path turns out to have nothing to follow (a branch where the response is `null`): no
   * longer followed, like `kill`, but not counted in `FlowResult.killed`.
   */
  | 'clear'
  /**
   * Where the thing followed is replaced (its variable overwritten): a path still live here is
   * reported, and no path is followed further.
   */
  | 'sink'
  /** Remembered as the latest notable step of the path (a `return`, a `throw`). */
  | 'mark'
  /**
   * Remembered like a `mark`, but only when the path has no `mark` yet: a place the path passes
   * that matters when nothing more telling happened (the end of a block).
   */
  | 'weak-mark';

export interface FlowSpec {
  /** Where the flow starts: the start of the code path, or a step recorded on it. */
  readonly from: 'start' | Step;
  /**
   * The effect of each recorded step the flow passes (`undefined`: none). Reaching `from` again
   * (a loop) asks about `from` too.
   */
  effect(step: Step): StepEffect | undefined;
  /**
   * Edges that `clear` the paths taking them: the branch of a test that has no node of its own
   * (the false side of `if (res.body) { … }`, the short circuit of `res.body && …`).
   */
  clearsEdge?(from: Segment, to: Segment): boolean;
}

/** A place a live path reaches, with the last `mark` step on that path (`undefined`: none). */
export interface LiveArrival {
  readonly mark: Step | undefined;
}

export interface FlowResult {
  /** Live paths that reach the end of the code path: one entry per distinct last mark. */
  readonly exits: readonly (LiveArrival & { readonly thrown: boolean })[];
  /** Live paths that reach a `sink` step. */
  readonly sinks: readonly (LiveArrival & { readonly step: Step })[];
  /** True when some path from `from` passes a `kill` step. */
  readonly killed: boolean;
  /**
   * True when every path from `from` that reaches `mark` arrives live (no path killed before it).
   * Paths that do not start at `from` are not considered: callers check that `from` dominates `mark`.
   */
  isPure(mark: Step): boolean;
}

interface Frame {
  readonly codePath: CodePath;
  readonly current: Set<Segment>;
}

type Listener = (...args: never[]) => void;
export type CodePathListeners = Record<string, Listener>;

/**
 * Records, while ESLint traverses a file, which code path segments the watched nodes are on, in
 * execution order within each segment. Works on ESLint 8.57, 9 and 10: segments are tracked with
 * `onCodePathSegmentStart`/`End` (fired for reachable segments only; `CodePath#currentSegments` is
 * gone in ESLint 9), so a node in unreachable code is on no segment.
 *
 * Watch nodes before the traversal reaches them (in `create`), spread `listeners` into the rule's
 * listeners (`mergeListeners`), and ask `analyzeFlow` once a code path has ended
 * (`onCodePathEnd`). A watched function node is recorded where it is created, on the enclosing
 * code path, not on its own.
 */
export class CodePathRecorder {
  readonly #watched = new Map<Node, { enter?: Step; exit?: Step }>();
  readonly #frames: Frame[] = [];
  readonly #steps = new Map<Segment, Step[]>();
  readonly #segmentsOf = new Map<Node, { enter?: Segment[]; exit?: Segment[] }>();
  readonly #codePaths = new Map<Node, CodePath>();
  /** Segments that end with an explicit `throw`, and with an explicit `return`. */
  readonly #throwEnds = new Set<Segment>();
  readonly #returnEnds = new Set<Segment>();
  /** The first segments of `catch` blocks, and the parallel segments of `finally` blocks that leave after it. */
  readonly #catchEntries = new Set<Segment>();
  readonly #leavingEntries = new Set<Segment>();
  readonly #onEnd: ((codePath: CodePath, node: Node) => void)[] = [];

  /** Record where `node` is when the traversal enters it (`enter`) or leaves it (`exit`). */
  watch(node: Node, phase: Phase = 'enter'): Step {
    let entry = this.#watched.get(node);
    if (!entry) this.#watched.set(node, (entry = {}));
    return (entry[phase] ??= { node, phase });
  }

  /** The step of a watched node (the same object every time), or `undefined` when it is not watched. */
  step(node: Node, phase: Phase = 'enter'): Step | undefined {
    return this.#watched.get(node)?.[phase];
  }

  /** Calls `callback` when the code path of a function (or the program) has ended: its segments are final then. */
  onCodePathEnd(callback: (codePath: CodePath, node: Node) => void): void {
    this.#onEnd.push(callback);
  }

  /** The code path of a function or program node, once the traversal has started it. */
  codePathOf(node: Node): CodePath | undefined {
    return this.#codePaths.get(node);
  }

  /**
   * ESLint lets every `try` block reach its `catch` and `finally` blocks as if any expression
   * could throw: from its first throwable node and from its end. Those are exceptions, not paths
   * the code takes on purpose; only an explicit `throw` (into `catch`), or an explicit `return`
   * or `throw` (into the leaving part of `finally`), is a path the flow follows.
   */
  isImplicitExceptionEdge(from: Segment, to: Segment): boolean {
    if (this.#catchEntries.has(to)) return !this.#throwEnds.has(from);
    if (this.#leavingEntries.has(to)) return !this.#throwEnds.has(from) && !this.#returnEnds.has(from);
    return false;
  }

  /** The recorded steps of a segment, in execution order. */
  stepsOf(segment: Segment): readonly Step[] {
    return this.#steps.get(segment) ?? [];
  }

  /** The segments a watched step was recorded on (none: unreachable, or not watched). */
  segmentsOf(step: Step): readonly Segment[] {
    return this.#segmentsOf.get(step.node)?.[step.phase] ?? [];
  }

  #noteStructure(node: Node, frame: Frame): void {
    switch (node.type) {
      case 'ReturnStatement':
        if (!node.argument) for (const segment of frame.current) this.#returnEnds.add(segment);
        return;
      case 'CatchClause':
        for (const segment of frame.current) this.#catchEntries.add(segment);
        return;
      case 'BlockStatement': {
        if (node.parent?.type !== 'TryStatement' || node.parent.finalizer !== node) return;
        // ESLint starts the normal segments of a `finally` block first, then as many leaving ones.
        const segments = [...frame.current];
        if (segments.length < 2) return;
        for (const segment of segments.slice(segments.length / 2)) this.#leavingEntries.add(segment);
        return;
      }
      default:
        return;
    }
  }

  #record(step: Step, frame: Frame | undefined): void {
    if (!frame) return;
    const { node, phase } = step;
    const segments = [...frame.current];
    const where = this.#segmentsOf.get(node) ?? {};
    where[phase] = segments;
    this.#segmentsOf.set(node, where);
    for (const segment of segments) {
      let steps = this.#steps.get(segment);
      if (!steps) this.#steps.set(segment, (steps = []));
      steps.push(step);
    }
  }

  /** The listeners that feed the recorder; merge them into the rule's own with `mergeListeners`. */
  get listeners(): CodePathListeners {
    const frames = this.#frames;
    const top = () => frames[frames.length - 1];
    return {
      onCodePathStart: ((codePath: CodePath, node: Node) => {
        // A function is created where it appears on the enclosing path.
        const step = this.#watched.get(node)?.enter;
        if (step) this.#record(step, top());
        this.#codePaths.set(node, codePath);
        frames.push({ codePath, current: new Set() });
      }) as Listener,
      onCodePathEnd: ((codePath: CodePath, node: Node) => {
        for (const callback of this.#onEnd) callback(codePath, node);
        frames.pop();
      }) as Listener,
      onCodePathSegmentStart: ((segment: Segment) => {
        top()?.current.add(segment);
      }) as Listener,
      onCodePathSegmentEnd: ((segment: Segment) => {
        top()?.current.delete(segment);
      }) as Listener,
      '*': ((node: Node) => {
        const frame = top();
        if (frame) this.#noteStructure(node, frame);
        const step = this.#watched.get(node)?.enter;
        if (!step) return;
        // Functions were recorded on the enclosing path by onCodePathStart.
        if (frame && this.#codePaths.get(node) === frame.codePath) return;
        this.#record(step, frame);
      }) as Listener,
      '*:exit': ((node: Node) => {
        const parent = node.parent;
        // The segment current when a `return`/`throw` argument is evaluated is the one the statement ends.
        if ((parent?.type === 'ReturnStatement' || parent?.type === 'ThrowStatement') && parent.argument === node) {
          const ends = parent.type === 'ThrowStatement' ? this.#throwEnds : this.#returnEnds;
          for (const segment of top()?.current ?? []) ends.add(segment);
        }
        const step = this.#watched.get(node)?.exit;
        if (step) this.#record(step, top());
      }) as Listener,
    };
  }
}

/** Combines listener objects; listeners of the same key run in the order given. */
export function mergeListeners(...objects: CodePathListeners[]): CodePathListeners {
  const merged: CodePathListeners = {};
  for (const object of objects) {
    for (const [key, listener] of Object.entries(object)) {
      const previous = merged[key];
      merged[key] = previous
        ? (((...args: never[]) => {
            previous(...args);
            listener(...args);
          }) as Listener)
        : listener;
    }
  }
  return merged;
}

const NO_MARK = null;
type Token = Step | typeof NO_MARK;

interface FlowState {
  /** The last mark of each live path (`null`: none yet). */
  readonly live: Set<Token>;
  /** Some path arriving here was killed. */
  dead: boolean;
}

/**
 * Follows every path of `codePath` from `spec.from` to where it ends, segment by segment, and
 * answers the "on some path" questions: which paths reach the end (or a sink) without passing a
 * `kill` step, and the last `mark` step on each. A data-flow fixpoint over the segment graph, so
 * loops are followed until nothing changes; the cost is linear in segments × marks.
 */
export function analyzeFlow(recorder: CodePathRecorder, codePath: CodePath, spec: FlowSpec): FlowResult {
  const entryStates = new Map<Segment, FlowState>();
  const markArrivals = new Map<Step, { live: boolean; dead: boolean }>();
  const exits = new Map<Token, boolean>();
  const sinks = new Map<Step, Set<Token>>();
  const weak = new Set<Step>();
  const finals = new Set(codePath.finalSegments);
  const thrown = new Set(codePath.thrownSegments);
  let killed = false;
  const queue: Segment[] = [];
  const queued = new Set<Segment>();
  const enqueue = (segment: Segment) => {
    if (queued.has(segment)) return;
    queued.add(segment);
    queue.push(segment);
  };

  /** Runs a segment's steps from `start` with `state`, then hands the state to the next segments. */
  const run = (segment: Segment, start: number, initial: FlowState) => {
    const state: FlowState = { live: new Set(initial.live), dead: initial.dead };
    const steps = recorder.stepsOf(segment);
    for (let index = start; index < steps.length; index += 1) {
      const live = state.live.size > 0;
      // Dead paths are still followed, so `isPure` knows which marks they reach.
      if (!live && !state.dead) break;
      const step = steps[index]!;
      const effect = spec.effect(step);
      if (effect === 'kill' || effect === 'clear') {
        if (live && effect === 'kill') killed = true;
        state.live.clear();
        state.dead = true;
      } else if (effect === 'sink') {
        // The thing followed is gone past a sink (its variable now holds something else): every
        // path of this state stops here.
        if (!live) return;
        let tokens = sinks.get(step);
        if (!tokens) sinks.set(step, (tokens = new Set()));
        for (const token of state.live) tokens.add(token);
        return;
      } else if (effect === 'mark' || effect === 'weak-mark') {
        const arrival = markArrivals.get(step) ?? { live: false, dead: false };
        arrival.live ||= live;
        arrival.dead ||= state.dead;
        markArrivals.set(step, arrival);
        if (effect === 'weak-mark') weak.add(step);
        if (!live) continue;
        // A weak mark replaces only the marks of paths whose last mark is weak or absent.
        const tokens = [...state.live];
        state.live.clear();
        let replaced = effect === 'mark';
        for (const token of tokens) {
          if (effect === 'weak-mark' && token !== NO_MARK && !weak.has(token)) state.live.add(token);
          else replaced = true;
        }
        if (replaced) state.live.add(step);
      }
    }
    if (finals.has(segment)) {
      for (const token of state.live) exits.set(token, (exits.get(token) ?? false) || thrown.has(segment));
    }
    if (state.live.size === 0 && !state.dead) return;
    for (const next of segment.nextSegments) {
      if (recorder.isImplicitExceptionEdge(segment, next)) continue;
      const cleared = spec.clearsEdge?.(segment, next) ?? false;
      const live = cleared ? [] : [...state.live];
      const dead = state.dead || (cleared && state.live.size > 0);
      if (live.length === 0 && !dead) continue;
      const previous = entryStates.get(next);
      if (!previous) {
        entryStates.set(next, { live: new Set(live), dead });
        enqueue(next);
        continue;
      }
      let changed = false;
      for (const token of live) {
        if (!previous.live.has(token)) {
          previous.live.add(token);
          changed = true;
        }
      }
      if (dead && !previous.dead) {
        previous.dead = true;
        changed = true;
      }
      if (changed) enqueue(next);
    }
  };

  const initial: FlowState = { live: new Set([NO_MARK]), dead: false };
  if (spec.from === 'start') {
    entryStates.set(codePath.initialSegment, initial);
    enqueue(codePath.initialSegment);
  } else {
    const from = spec.from;
    for (const segment of recorder.segmentsOf(from)) {
      run(segment, recorder.stepsOf(segment).indexOf(from) + 1, initial);
    }
  }
  while (queue.length > 0) {
    const segment = queue.shift()!;
    queued.delete(segment);
    run(segment, 0, entryStates.get(segment)!);
  }

  return {
    exits: [...exits].map(([token, wasThrown]) => ({ mark: token ?? undefined, thrown: wasThrown })),
    sinks: [...sinks].flatMap(([step, tokens]) => [...tokens].map((token) => ({ step, mark: token ?? undefined }))),
    killed,
    isPure: (mark) => {
      const arrival = markArrivals.get(mark);
      return arrival !== undefined && arrival.live && !arrival.dead;
    },
  };
}

export type JumpStatement =
  | TSESTree.ReturnStatement
  | TSESTree.ThrowStatement
  | TSESTree.BreakStatement
  | TSESTree.ContinueStatement;

/** The `return`, `throw`, `break` and `continue` statements of a function (or the program), not of functions nested in it. */
export function jumpStatementsOf(owner: FunctionNode | TSESTree.Program, visitorKeys: SourceCodeVisitorKeys): JumpStatement[] {
  const jumps: JumpStatement[] = [];
  const stack: Node[] = [owner.type === 'Program' ? owner : owner.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (isFunctionNode(node) || node.type === 'ClassBody') continue;
    if (
      node.type === 'ReturnStatement' ||
      node.type === 'ThrowStatement' ||
      node.type === 'BreakStatement' ||
      node.type === 'ContinueStatement'
    ) {
      jumps.push(node);
    }
    if (node.type.endsWith('Expression')) continue; // statements sit in expressions only through functions
    pushChildNodes(node, visitorKeys, stack);
  }
  return jumps;
}

type SourceCodeVisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

function isLoop(node: Node): boolean {
  return (
    node.type === 'ForStatement' ||
    node.type === 'ForInStatement' ||
    node.type === 'ForOfStatement' ||
    node.type === 'WhileStatement' ||
    node.type === 'DoWhileStatement'
  );
}

/** The statement a `break` or `continue` leaves (a loop, a `switch`, a labelled statement), within `owner`. */
export function jumpTarget(jump: TSESTree.BreakStatement | TSESTree.ContinueStatement, owner: Node): Node | undefined {
  for (let current: Node | undefined = jump.parent; current && current !== owner; current = current.parent) {
    if (jump.label) {
      if (current.type === 'LabeledStatement' && current.label.name === jump.label.name) return current.body;
      continue;
    }
    if (isLoop(current) || (jump.type === 'BreakStatement' && current.type === 'SwitchStatement')) return current;
  }
  return undefined;
}
