import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { classifyBodyUse, noBodyBranches, type BodyHolder } from '../src/domain/response-bodies';
import { getFileModel } from '../src/model';
import { mayCallFetch } from '../src/model/clients/candidates';
import { findResponses, type HeldResponse, type UnreadableResponse } from '../src/model/clients/responses';
import { getTestCode } from '../src/model/test-code';
import { mentions, wordGate } from '../src/model/vocabulary';
import {
  analyzeFlow,
  CodePathRecorder,
  jumpStatementsOf,
  jumpTarget,
  mergeListeners,
  type JumpStatement,
  type Step,
  type StepEffect,
} from '../src/model/paths';
import { getStaticPropertyName, isFunctionNode, type FunctionNode, type Node } from '../src/utils/ast';
import { createRule } from '../src/utils/create-rule';
import { insertStatementAfter } from '../src/utils/fix-edit';
import { insertAtBlockEnd, insertAtFunctionStart, insertBeforeStatement, isInStatementList } from '../src/utils/statement-fix';
import { adviceFor, bodyAdvice, describePath, discardedAdvice, ignoredAdvice, listText, releaseText } from './no-unconsumed-response/texts';

export type MessageIds =
  | 'droppedOnPath'
  | 'replacedUnread'
  | 'neverRead'
  | 'discarded'
  | 'metadataOnly'
  | 'ignoredResponse'
  | 'releaseBody';
/** No options; an empty object keeps room for them and makes ESLint name an unknown one. */
export type Options = [Record<string, never>];

type Fix = TSESLint.RuleFix;

const IMPACT =
  'An unread response body keeps its connection busy: under load the pool runs out of sockets and requests stall until they time out or fail with ECONNRESET';

/** Files that never mention a client that hands out bodies (`fetch`, or these modules') are skipped before anything is built. */
const RESPONSE_MODULE_WORDS = wordGate({ modules: ['http', 'https', 'undici'] });

interface ClearedEdge {
  readonly from: Step;
  readonly notInto: Step;
}

interface Guards {
  readonly effects: Map<Step, StepEffect>;
  readonly edges: ClearedEdge[];
  /** Tests already looked at. */
  readonly seen: Set<Node>;
}

/** What one held response needs from the code path analysis. */
interface Plan {
  readonly response: HeldResponse;
  readonly from: Step | 'start';
  readonly effects: Map<Step, StepEffect>;
  /** Branches without a body that have no node of their own: from the test, to anywhere but `notInto`. */
  readonly clearedEdges: readonly ClearedEdge[];
  /** The nodes whose steps read, release or hand on the body. */
  readonly kills: Node[];
  /** `clone()` is taken: releasing the original early would break it, so no fix is offered. */
  readonly clones: boolean;
}

export default createRule<Options, MessageIds>({
  name: 'no-unconsumed-response',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require HTTP client response bodies to be read or released on every path',
      recommended: 'error',
    },
    fixable: 'code',
    hasSuggestions: true,
    messages: {
      droppedOnPath: `The body of \`{{name}}\` is neither read nor released on {{path}}. ${IMPACT}. {{advice}}.`,
      replacedUnread: `\`{{name}}\` is replaced here while the body of the response it held is neither read nor released. ${IMPACT}. {{advice}}.`,
      neverRead: `The body of \`{{name}}\` is never read or released. ${IMPACT}. {{advice}}.`,
      discarded: `This response is discarded without reading or releasing its body. ${IMPACT}. {{advice}}.`,
      metadataOnly: `Only {{kept}} of this response {{verb}} kept: its body is never read or released. ${IMPACT}. {{advice}}.`,
      ignoredResponse: `This callback never takes the response, so its body is never read or released. ${IMPACT}. {{advice}}.`,
      releaseBody: 'Release the body with `{{text}}`.',
    },
    schema: [{ type: 'object', additionalProperties: false, properties: {} }],
    defaultOptions: [{}],
  },

  create(context) {
    const { sourceCode } = context;
    if (!mentions(sourceCode, RESPONSE_MODULE_WORDS) && !mayCallFetch(sourceCode)) return {};
    const model = getFileModel(context);
    // Tests talk to servers they started, under the runner's timeout: production hangs are not theirs.
    const testCode = getTestCode(model, context.cwd);
    if (testCode.isTestFile) return {};
    const found = findResponses(model);
    if (found.held.length === 0 && found.unreadable.length === 0) return {};
    const held = found.held.filter((response) => !testCode.contains(response.call.node));
    const unreadable = found.unreadable.filter((response) => !testCode.contains(response.call.node));
    if (held.length === 0 && unreadable.length === 0) return {};

    const recorder = new CodePathRecorder();
    /** Two responses of one variable (`let res = …; res = …`) can meet the same drop: one report. */
    const reported = new Set<string>();
    const report = (descriptor: TSESLint.ReportDescriptor<MessageIds>) => {
      const where = 'node' in descriptor && descriptor.node ? descriptor.node.range.join() : JSON.stringify(descriptor.loc);
      const key = `${where}:${descriptor.messageId}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report(descriptor);
    };
    const jumpCache = new Map<Node, JumpStatement[]>();
    const plans = new Map<Node, Plan[]>();
    for (const response of held) {
      const plan = planFor(response);
      if (!plan) continue;
      const list = plans.get(response.owner) ?? [];
      list.push(plan);
      plans.set(response.owner, list);
    }

    /** The steps that decide what happens to one response's body, watched before the traversal. */
    function planFor(response: HeldResponse): Plan | undefined {
      const { variable, owner, obtained, holder } = response;
      if (variable.defs.length !== 1 || isExported(variable.defs[0]!.node as Node)) return undefined;
      const effects = new Map<Step, StepEffect>();
      const kills: Node[] = [];
      const guards: Guards = { effects, edges: [], seen: new Set() };
      let clones = false;
      const from = obtained === 'start' ? 'start' : recorder.watch(obtained, 'exit');
      if (from !== 'start') effects.set(from, 'sink'); // reached again in a loop: the next response replaces it
      const isHolder = (node: Node) => node.type === 'Identifier' && model.bindings.findVariable(node) === variable;

      for (const reference of variable.references) {
        if (reference.init) continue;
        const identifier = reference.identifier as TSESTree.Identifier;
        const nested = nestedIn(identifier, owner);
        if (reference.isWrite()) {
          const assignment = identifier.parent;
          if (nested || reference.isRead() || assignment.type !== 'AssignmentExpression' || assignment.left !== identifier) {
            return undefined;
          }
          effects.set(recorder.watch(assignment, 'exit'), 'sink');
          continue;
        }
        if (classifyBodyUse(identifier, holder) === 'neutral') {
          clones ||= isCloneCall(identifier);
          if (!nested) guardBranches(identifier, isHolder, holder, guards);
          continue;
        }
        if (nested === 'opaque') return undefined; // released somewhere we cannot place on a path
        const node = nested ?? identifier;
        effects.set(recorder.watch(node), 'kill');
        kills.push(node);
      }

      const scopeBlock = variable.scope.block as Node;
      const inScope = (node: Node) => node.range[0] >= scopeBlock.range[0] && node.range[1] <= scopeBlock.range[1];
      for (const jump of jumpsOf(owner)) {
        if (!inScope(jump)) continue;
        if (jump.type === 'BreakStatement' || jump.type === 'ContinueStatement') {
          // Leaving the loop the response was obtained in drops it; a `break` out of a `switch` does not.
          const target = jumpTarget(jump, owner);
          if (obtained === 'start' || !target || !contains(target, obtained)) continue;
        }
        const step = recorder.watch(jump);
        if (!effects.has(step)) effects.set(step, 'mark');
      }
      const end = scopeEnd(scopeBlock);
      if (end && contains(owner, end)) effects.set(recorder.watch(end, 'exit'), 'weak-mark');
      return { response, from, effects, clearedEdges: guards.edges, kills, clones };
    }

    /**
     * `if (!res) return;`, `res.body ? read(res.body) : null`, `if (res.status !== 204) { … }`,
     * `res.body && …`: a branch where there is no body has nothing to release.
     */
    function guardBranches(identifier: TSESTree.Identifier, isHolder: (node: Node) => boolean, holder: BodyHolder, plan: Guards) {
      for (let node: Node = identifier; node.parent && !isStatement(node) && !isFunctionNode(node.parent); node = node.parent) {
        const parent = node.parent;
        if (plan.seen.has(parent)) continue;
        const isTest =
          ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.test === node) ||
          (parent.type === 'LogicalExpression' && parent.left === node && parent.operator !== '??');
        if (!isTest) continue;
        plan.seen.add(parent);
        const branches = noBodyBranches(node, isHolder, holder);
        const clear = (branch: Node) => {
          const step = recorder.watch(branch);
          if (!plan.effects.has(step)) plan.effects.set(step, 'clear');
        };
        const clearEdge = (notInto: Node) =>
          plan.edges.push({ from: recorder.watch(node, 'exit'), notInto: recorder.watch(notInto) });
        if (parent.type === 'LogicalExpression') {
          // The right side is skipped when `a && b` finds `a` false, or `a || b` finds it true.
          if (parent.operator === '&&' ? branches.whenFalse : branches.whenTrue) clearEdge(parent.right);
          continue;
        }
        if (branches.whenTrue) clear(parent.consequent);
        if (branches.whenFalse) {
          if (parent.alternate) clear(parent.alternate);
          else clearEdge(parent.consequent);
        }
      }
    }

    function jumpsOf(owner: FunctionNode | TSESTree.Program): JumpStatement[] {
      let jumps = jumpCache.get(owner);
      if (!jumps) jumpCache.set(owner, (jumps = jumpStatementsOf(owner, sourceCode.visitorKeys)));
      return jumps;
    }

    recorder.onCodePathEnd((codePath, node) => {
      for (const plan of plans.get(node) ?? []) {
        const result = analyzeFlow(recorder, codePath, {
          from: plan.from,
          effect: (step) => plan.effects.get(step),
          clearsEdge: (from, to) =>
            plan.clearedEdges.some(
              (edge) => recorder.segmentsOf(edge.from).includes(from) && !recorder.segmentsOf(edge.notInto).includes(to),
            ),
        });
        reportPlan(plan, result);
      }
    });

    function reportPlan(plan: Plan, result: ReturnType<typeof analyzeFlow>) {
      const { response } = plan;
      const leaks = new Map<Node, { mark?: Step; sink?: Step }>();
      for (const exit of result.exits) {
        const node = exit.mark?.node ?? response.id;
        if (!leaks.has(node)) leaks.set(node, exit.mark ? { mark: exit.mark } : {});
      }
      for (const sink of result.sinks) {
        const node = sink.mark?.node ?? sink.step.node;
        if (!leaks.has(node)) leaks.set(node, sink.mark ? { mark: sink.mark } : { sink: sink.step });
      }
      if (leaks.size === 0) return;
      const name = response.id.name;
      const advice = adviceFor(response.holder, response.call.library, name);

      if (!result.killed) {
        report({
          node: response.id,
          messageId: 'neverRead',
          data: { name, advice },
          ...fixOrSuggest(response, plan.clones ? undefined : (text) => releaseAtStart(response, text)),
        });
        return;
      }
      for (const [node, leak] of leaks) {
        if (leak.mark) {
          const { mark } = leak;
          // Before a statement that reads the body on some branch (`return ok ? res.json() : null`) a release would break it.
          const readsInside = mark.phase === 'enter' && plan.kills.some((kill) => contains(mark.node, kill));
          const safe = !plan.clones && dominates(response, mark.node) && result.isPure(mark) && !readsInside;
          report({
            loc: mark.phase === 'exit' ? sourceCode.getLastToken(mark.node)!.loc : sourceCode.getFirstToken(mark.node)!.loc,
            messageId: 'droppedOnPath',
            data: { name, path: describePath(mark), advice },
            ...fixOrSuggest(response, safe ? (text) => releaseAt(mark, text) : undefined),
          });
        } else if (leak.sink) {
          const at = leak.sink.node;
          report({
            node: at.type === 'VariableDeclarator' ? at.id : at.type === 'AssignmentExpression' ? at.left : at,
            messageId: 'replacedUnread',
            data: { name, advice },
          });
        } else {
          report({ node, messageId: 'droppedOnPath', data: { name, path: 'some paths from here', advice } });
        }
      }
    }

    /** Node responses get `res.resume()` as an autofix (the documented idiom); the others a suggestion. */
    function fixOrSuggest(
      response: HeldResponse,
      build: ((text: string) => TSESLint.ReportFixFunction | undefined) | undefined,
    ): Pick<TSESLint.ReportDescriptor<MessageIds>, 'fix' | 'suggest'> {
      if (!build) return {};
      const { owner } = response;
      const canAwait = owner.type === 'Program' ? owner.sourceType === 'module' : owner.async;
      const text = releaseText(response.holder, response.call.library, response.id.name, canAwait);
      const fix = build(text);
      if (!fix) return {};
      // Another module may add a 'response' listener to a request that is handed on: then only suggest.
      if (response.holder === 'incoming-message' && !response.requestEscapes) return { fix };
      return { suggest: [{ messageId: 'releaseBody', data: { text }, fix }] };
    }

    /** Right where the response is obtained: the start of the callback, or after the declaring statement. */
    function releaseAtStart(response: HeldResponse, text: string): TSESLint.ReportFixFunction | undefined {
      const { obtained, owner } = response;
      if (obtained === 'start') return isFunctionNode(owner) ? insertAtFunctionStart(sourceCode, owner, text) : undefined;
      const statement = obtained.parent;
      const whole =
        obtained.type === 'VariableDeclarator'
          ? statement.type === 'VariableDeclaration' && statement.declarations.length === 1
          : statement.type === 'ExpressionStatement';
      return whole && isInStatementList(statement) ? (fixer) => insertStatementAfter(fixer, sourceCode, statement, text) : undefined;
    }

    function releaseAt(mark: Step, text: string): TSESLint.ReportFixFunction | undefined {
      if (mark.phase === 'exit') {
        return mark.node.type === 'BlockStatement' ? insertAtBlockEnd(sourceCode, mark.node, text) : undefined;
      }
      return insertBeforeStatement(sourceCode, mark.node, text);
    }

    // ---- responses found without path analysis -----------------------------------------------

    function reportUnreadable(response: UnreadableResponse) {
      switch (response.kind) {
        case 'discarded': {
          const callee = response.call.node.callee;
          context.report({
            node: callee,
            messageId: 'discarded',
            data: { advice: discardedAdvice(response) },
            ...suggestDiscarded(response),
          });
          return;
        }
        case 'metadata-only': {
          const pattern = response.node as TSESTree.ObjectPattern;
          const kept = pattern.properties.map((property) => `\`${getStaticPropertyName(property as TSESTree.Property)}\``);
          context.report({
            node: pattern,
            messageId: 'metadataOnly',
            data: { kept: listText(kept), verb: kept.length === 1 ? 'is' : 'are', advice: bodyAdvice(response) },
            ...suggestKeepingBody(response, pattern),
          });
          return;
        }
        case 'ignored': {
          const fn = response.node as FunctionNode;
          const closing = sourceCode.getTokenBefore(fn.body, (token) => token.value === ')');
          context.report({
            loc: { start: fn.loc.start, end: closing ? closing.loc.end : fn.body.loc.start },
            messageId: 'ignoredResponse',
            data: { advice: ignoredAdvice(response) },
            ...fixIgnored(response, fn),
          });
          return;
        }
      }
    }

    /** `await fetch(url);` → `await (await fetch(url)).body?.cancel();` */
    function suggestDiscarded(response: UnreadableResponse): Pick<TSESLint.ReportDescriptor<MessageIds>, 'suggest'> {
      const node = response.node;
      const nodeFetch = response.call.library === 'node-fetch';
      const undici = response.holder === 'undici-result';
      const chained = outer(response.call.node) !== innerValue(node);
      const optional = chained ? '?.' : '.';
      const release = undici ? `body${chained ? '?.' : '.'}dump()` : nodeFetch ? 'body?.resume()' : 'body?.cancel()';
      let replaced: Node;
      let text: string;
      if (node.type === 'AwaitExpression' || (node.type === 'UnaryExpression' && node.argument.type === 'AwaitExpression')) {
        const awaited = node.type === 'AwaitExpression' ? node : (node.argument as TSESTree.AwaitExpression);
        replaced = awaited;
        text = `await (${sourceCode.getText(awaited)})${optional}${release}`;
      } else {
        replaced = node.type === 'UnaryExpression' ? node.argument : node;
        const parameter = undici ? '(result) => result' : '(res) => res';
        text = `${sourceCode.getText(replaced)}.then(${parameter}${optional}${release})`;
      }
      return {
        suggest: [
          {
            messageId: 'releaseBody',
            data: { text: release },
            fix: (fixer) => fixer.replaceText(replaced, text),
          },
        ],
      };
    }

    /** `const { ok } = await fetch(url);` → `const { ok, body } = await fetch(url);\nawait body?.cancel();` */
    function suggestKeepingBody(
      response: UnreadableResponse,
      pattern: TSESTree.ObjectPattern,
    ): Pick<TSESLint.ReportDescriptor<MessageIds>, 'suggest'> {
      const declarator = pattern.parent;
      const declaration = declarator?.parent;
      if (
        declarator?.type !== 'VariableDeclarator' ||
        declaration?.type !== 'VariableDeclaration' ||
        declaration.declarations.length !== 1 ||
        !isInStatementList(declaration)
      ) {
        return {};
      }
      const name = ['body', 'responseBody', 'unreadBody'].find((candidate) => isNameFree(candidate, declaration));
      const last = pattern.properties[pattern.properties.length - 1];
      if (!name || !last) return {};
      const owner = ownerOf(declaration);
      const canAwait = owner.type === 'Program' ? owner.sourceType === 'module' : owner.async;
      const holder: BodyHolder = response.holder === 'undici-result' ? 'undici-body' : 'fetch-body';
      const text = releaseText(holder, response.call.library, name, canAwait);
      const property = name === 'body' ? 'body' : `body: ${name}`;
      return {
        suggest: [
          {
            messageId: 'releaseBody',
            data: { text },
            fix: (fixer): Fix[] => [
              fixer.insertTextAfter(last, `, ${property}`),
              insertStatementAfter(fixer, sourceCode, declaration, text),
            ],
          },
        ],
      };
    }

    function fixIgnored(response: UnreadableResponse, fn: FunctionNode): Pick<TSESLint.ReportDescriptor<MessageIds>, 'fix' | 'suggest'> {
      const fix = response.holder === 'incoming-message' ? addResponseParameter(fn) : undefined;
      if (!fix) return {};
      if (!response.requestEscapes) return { fix };
      return { suggest: [{ messageId: 'releaseBody', data: { text: 'res.resume();' }, fix }] };
    }

    /** `http.get(url, () => …)` → `http.get(url, (res) => { res.resume(); … })`. */
    function addResponseParameter(fn: FunctionNode): TSESLint.ReportFixFunction | undefined {
      const name = ['res', 'response', 'upstreamRes'].find((candidate) => isNameFree(candidate, fn.body));
      const open = sourceCode.getFirstToken(fn, (token) => token.value === '(');
      if (!name || !open) return undefined;
      const start = insertAtFunctionStart(sourceCode, fn, `${name}.resume();`);
      if (!start) return undefined;
      return (fixer) => [fixer.insertTextAfter(open, name), ...[start(fixer)].flat().filter((fix): fix is Fix => fix !== null)];
    }

    /** No variable of that name is visible at `node`, and no code under its scope reads a global of that name. */
    function isNameFree(name: string, node: Node): boolean {
      const scope = sourceCode.getScope(node);
      for (let current: TSESLint.Scope.Scope | null = scope; current; current = current.upper) {
        if (current.set.has(name)) return false;
      }
      return !scope.through.some((reference) => reference.identifier.name === name);
    }

    function ownerOf(node: Node): FunctionNode | TSESTree.Program {
      for (let current = node.parent; current; current = current.parent) {
        if (isFunctionNode(current)) return current;
        if (current.type === 'Program') return current;
      }
      return sourceCode.ast as TSESTree.Program;
    }

    const reportUnreadables = { Program: () => unreadable.forEach(reportUnreadable) };
    // The recorder listens to every node: only when there is a path to follow.
    return plans.size > 0 ? mergeListeners(recorder.listeners, reportUnreadables) : reportUnreadables;
  },
});

// ---- helpers that need no context -------------------------------------------------------------

function contains(outerNode: Node, inner: Node): boolean {
  return inner.range[0] >= outerNode.range[0] && inner.range[1] <= outerNode.range[1];
}

function isStatement(node: Node): boolean {
  return /Statement$|Declaration$/.test(node.type);
}

function outer(node: Node): Node {
  let current = node;
  while (
    current.parent &&
    (current.parent.type === 'ChainExpression' ||
      current.parent.type === 'TSAsExpression' ||
      current.parent.type === 'TSNonNullExpression' ||
      current.parent.type === 'TSSatisfiesExpression' ||
      current.parent.type === 'TSTypeAssertion')
  ) {
    current = current.parent;
  }
  return current;
}

/** The promise expression under `await`/`void` of a discarded statement. */
function innerValue(node: Node): Node {
  let current = node;
  while (current.type === 'AwaitExpression' || (current.type === 'UnaryExpression' && current.operator === 'void')) {
    current = current.argument;
  }
  return current;
}

/**
 * The function (under `owner`) that a reference sits in, when it is not directly in `owner`:
 * releasing there counts where that function is created. `opaque` when it is in a function
 * declaration or a class member, which run at times the path does not show.
 */
function nestedIn(identifier: Node, owner: Node): Node | 'opaque' | undefined {
  let outermost: Node | undefined;
  for (let current = identifier.parent; current && current !== owner; current = current.parent) {
    if (isFunctionNode(current)) outermost = current;
    if (current.type === 'PropertyDefinition' || current.type === 'StaticBlock' || current.type === 'AccessorProperty') {
      return 'opaque';
    }
  }
  if (outermost?.type === 'FunctionDeclaration') return 'opaque';
  return outermost;
}

/** `export const res = await fetch(url)`: other modules may read it. */
function isExported(definition: Node): boolean {
  return definition.parent?.parent?.type === 'ExportNamedDeclaration';
}

function isCloneCall(identifier: Node): boolean {
  const member = outer(identifier).parent;
  return member?.type === 'MemberExpression' && getStaticPropertyName(member) === 'clone';
}

/** The block whose end the name goes out of scope at: a function body or a block. */
function scopeEnd(block: Node): TSESTree.BlockStatement | undefined {
  if (isFunctionNode(block)) return block.body.type === 'BlockStatement' ? block.body : undefined;
  return block.type === 'BlockStatement' ? block : undefined;
}

/** The response is certainly held at `node`: every path to it passed where it was obtained. */
function dominates(response: HeldResponse, node: Node): boolean {
  const { obtained } = response;
  if (obtained === 'start') return true;
  // A declaration's later statements in its block run only after it.
  return obtained.type === 'VariableDeclarator' && node.range[0] >= obtained.range[1];
}
