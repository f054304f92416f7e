import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { getStaticPropertyName, skipAwaitAndWrappers, type FunctionNode, type Node } from '../../utils/ast';
import { refToString } from '../bindings';
import type { AppFactory, FrameworkRecognizer, RecognitionContext } from './recognizer';
import { calledMethodName, callParams } from './registration';
import type { AppInfo, AppKind, Framework } from './types';

type Variable = TSESLint.Scope.Variable;
type Creation = TSESTree.CallExpression | TSESTree.NewExpression;

interface KnownFactory extends AppFactory {
  readonly recognizer: FrameworkRecognizer;
}

/** What the recognizers know about creating apps, by module ref: the same for every file. */
interface FactoryTables {
  readonly factories: ReadonlyMap<string, KnownFactory>;
  /** Member names of factories (`createServer`, `Router`, `create`). */
  readonly factoryMemberNames: ReadonlySet<string>;
  readonly appTypes: ReadonlyMap<string, { framework: Framework; kind: AppKind }>;
}

// Built once per list of recognizers (the model passes one constant list) instead of once per file.
const factoryTables = new WeakMap<readonly FrameworkRecognizer[], FactoryTables>();

function tablesOf(recognizers: readonly FrameworkRecognizer[]): FactoryTables {
  let tables = factoryTables.get(recognizers);
  if (tables) return tables;
  const factories = new Map<string, KnownFactory>();
  const factoryMemberNames = new Set<string>();
  const appTypes = new Map<string, { framework: Framework; kind: AppKind }>();
  for (const recognizer of recognizers) {
    for (const [ref, factory] of Object.entries(recognizer.factories ?? {})) {
      factories.set(ref, { ...factory, recognizer });
      const member = ref.split('.').at(-1);
      if (member && ref.includes('.')) factoryMemberNames.add(member);
    }
    for (const [ref, kind] of Object.entries(recognizer.appTypes ?? {})) {
      appTypes.set(ref, { framework: recognizer.framework, kind });
    }
  }
  factoryTables.set(recognizers, (tables = { factories, factoryMemberNames, appTypes }));
  return tables;
}

/**
 * Finds what an expression evaluates to among the file's apps: a factory call (`express()`,
 * `new Koa()`), a `const` bound to one (also through `await` and TS casts), a chained or deriving
 * method call on one (`app.use(a).use(b)`, `app.listen()`, `app.route('/p')`), a parameter
 * annotated with an app type or known to receive one (a fastify plugin), or `this.app` bound in
 * the class. Every app is created once, so identity comparisons work.
 */
export class AppResolver {
  readonly #ctx: RecognitionContext;
  readonly #recognizers: readonly FrameworkRecognizer[];
  readonly #serverRecognizer: FrameworkRecognizer;
  readonly #factories: ReadonlyMap<string, KnownFactory>;
  readonly #factoryMemberNames: ReadonlySet<string>;
  readonly #appTypes: ReadonlyMap<string, { framework: Framework; kind: AppKind }>;
  readonly #byNode = new Map<Node, AppInfo | null>();
  readonly #byVariable = new Map<Variable, AppInfo | null>();
  readonly #byThisProperty = new Map<TSESTree.ClassBody, Map<string, AppInfo | null>>();
  readonly #apps: AppInfo[] = [];
  /** Names the audit knows hold an app made in another module (see `audit-knowledge.ts`). */
  readonly #injected: ((identifier: TSESTree.Identifier) => { framework: Framework; kind: AppKind } | undefined) | undefined;

  constructor(
    ctx: RecognitionContext,
    recognizers: readonly FrameworkRecognizer[],
    serverRecognizer: FrameworkRecognizer,
    injected?: (identifier: TSESTree.Identifier) => { framework: Framework; kind: AppKind } | undefined,
  ) {
    this.#ctx = ctx;
    this.#injected = injected;
    this.#recognizers = recognizers;
    this.#serverRecognizer = serverRecognizer;
    ({ factories: this.#factories, factoryMemberNames: this.#factoryMemberNames, appTypes: this.#appTypes } = tablesOf(recognizers));
  }

  /** Every app created so far, in creation order. */
  get apps(): readonly AppInfo[] {
    return this.#apps;
  }

  /** Member names of factories (`createServer`, `Router`, `create`): member calls worth resolving as creations. */
  get factoryMemberNames(): ReadonlySet<string> {
    return this.#factoryMemberNames;
  }

  /** The recognizer that knows what `app`'s methods do; every server behaves like a node server. */
  recognizerFor(app: AppInfo): FrameworkRecognizer | undefined {
    if (app.kind === 'server') return this.#serverRecognizer;
    return this.#recognizers.find((recognizer) => recognizer.framework === app.framework);
  }

  resolve(node: Node): AppInfo | undefined {
    const bare = skipAwaitAndWrappers(node);
    // Identifiers are cached by variable: most receivers are names, and most names are not apps.
    if (bare.type === 'Identifier') return this.#fromIdentifier(bare);
    const cached = this.#byNode.get(bare);
    if (cached !== undefined) return cached ?? undefined;
    this.#byNode.set(bare, null); // a cycle (`a = b.use(a)`) resolves to nothing
    const app = this.#compute(bare);
    this.#byNode.set(bare, app ?? null);
    return app;
  }

  derive(node: Node, kind: AppKind, parent: AppInfo): AppInfo {
    return this.#create(parent.framework, kind, node, parent);
  }

  #create(framework: Framework, kind: AppKind, node: Node, parent?: AppInfo): AppInfo {
    const app: AppInfo = parent ? { framework, kind, node, parent } : { framework, kind, node };
    this.#apps.push(app);
    return app;
  }

  #compute(node: Node): AppInfo | undefined {
    switch (node.type) {
      case 'NewExpression':
        return this.#fromFactory(node);
      case 'CallExpression':
        return this.#fromFactory(node) ?? this.#fromMethodCall(node);
      case 'MemberExpression':
        return node.object.type === 'ThisExpression' ? this.#fromThisProperty(node) : undefined;
      case 'AssignmentExpression':
        // `const app = module.exports = express()`
        return node.operator === '=' ? this.resolve(node.right) : undefined;
      default:
        return undefined;
    }
  }

  #fromFactory(node: Creation): AppInfo | undefined {
    if (!this.mayBeFactoryCall(node)) return undefined;
    const ref = this.#ctx.bindings.resolveCallee(node);
    const factory = ref && this.#factories.get(refToString(ref));
    if (!factory) return undefined;
    const constructed = node.type === 'NewExpression' ? 'new' : 'call';
    if (factory.construct !== 'either' && factory.construct !== constructed) return undefined;
    const app = this.#create(factory.recognizer.framework, factory.kind, node);
    factory.recognizer.created?.(this.#ctx, node, app);
    return app;
  }

  /** Cheap name checks before resolving a callee: most calls in a file are not factories. */
  mayBeFactoryCall(node: Creation): boolean {
    const callee = node.callee;
    switch (callee.type) {
      case 'Identifier':
        return this.#ctx.imports.localNames.has(callee.name);
      case 'MemberExpression': {
        const name = getStaticPropertyName(callee);
        return name !== undefined && this.#factoryMemberNames.has(name);
      }
      case 'CallExpression':
        return true; // require('express')()
      default:
        return false;
    }
  }

  #fromMethodCall(call: TSESTree.CallExpression): AppInfo | undefined {
    const method = calledMethodName(call);
    if (method === undefined || call.callee.type !== 'MemberExpression') return undefined;
    const receiver = this.resolve(call.callee.object);
    if (!receiver) return undefined;
    const recognizer = this.recognizerFor(receiver);
    if (!recognizer?.methods.has(method)) return undefined;
    return recognizer.chain?.(this.#ctx, call, method, receiver);
  }

  #fromIdentifier(identifier: TSESTree.Identifier): AppInfo | undefined {
    const variable = this.#ctx.bindings.findVariable(identifier);
    if (variable?.defs.length !== 1) return undefined;
    const cached = this.#byVariable.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    this.#byVariable.set(variable, null);
    const app = this.#fromVariable(variable);
    this.#byVariable.set(variable, app ?? null);
    return app;
  }

  #fromVariable(variable: Variable): AppInfo | undefined {
    const def = variable.defs[0]!;
    const injected = this.#injected?.(def.name as TSESTree.Identifier);
    if (injected) return this.#create(injected.framework, injected.kind, def.name as TSESTree.Identifier);
    if (def.type === 'Parameter') {
      return this.#fromParameter(def.name as TSESTree.Identifier, def.node as FunctionNode);
    }
    if (def.type !== 'Variable') return undefined; // imports: an app from another module is unknown
    const value = this.#ctx.bindings.getConstantValue(variable);
    if (value) return this.resolve(value);
    // `let app: Express;` assigned later (a test's `beforeAll`): the declared type still says what it holds.
    const id = def.name as TSESTree.Identifier;
    return id.typeAnnotation ? this.#fromTypeAnnotation(id.typeAnnotation, id) : undefined;
  }

  /** `app: Express`, `router: Router` (from express), `instance: FastifyInstance`. */
  #fromTypeAnnotation(annotation: TSESTree.TSTypeAnnotation, node: Node): AppInfo | undefined {
    const type = annotation.typeAnnotation;
    if (type.type !== 'TSTypeReference') return undefined;
    const ref = this.#ctx.bindings.resolveTypeName(type.typeName);
    const appType = ref && this.#appTypes.get(refToString(ref));
    return appType ? this.#create(appType.framework, appType.kind, node) : undefined;
  }

  #fromParameter(param: TSESTree.Identifier, fn: FunctionNode): AppInfo | undefined {
    if (param.typeAnnotation) return this.#fromTypeAnnotation(param.typeAnnotation, param);
    const index = callParams(fn).indexOf(param);
    if (index < 0) return undefined;
    for (const recognizer of this.#recognizers) {
      const kind = recognizer.parameterApp?.(this.#ctx, fn, index);
      if (kind) return this.#create(recognizer.framework, kind, param);
    }
    return undefined;
  }

  /** `this.app` where the class initialises `app` once: a property initialiser or a constructor assignment. */
  #fromThisProperty(member: TSESTree.MemberExpression): AppInfo | undefined {
    const name = getStaticPropertyName(member);
    const classBody = name === undefined ? undefined : classBodyOfThis(member);
    if (!name || !classBody) return undefined;
    let byName = this.#byThisProperty.get(classBody);
    if (!byName) this.#byThisProperty.set(classBody, (byName = new Map()));
    const cached = byName.get(name);
    if (cached !== undefined) return cached ?? undefined;
    byName.set(name, null);
    const initializer = thisPropertyInitializer(classBody, name);
    const declaration = initializer ? undefined : typedPropertyDeclaration(classBody, name);
    const app = initializer
      ? this.resolve(initializer)
      : declaration?.typeAnnotation && this.#fromTypeAnnotation(declaration.typeAnnotation, declaration.key);
    byName.set(name, app ?? null);
    return app;
  }
}

/** The body of the class `this` refers to in `member` (arrow functions keep the outer `this`). */
function classBodyOfThis(member: TSESTree.MemberExpression): TSESTree.ClassBody | undefined {
  for (let current: Node | undefined = member.parent; current; current = current.parent) {
    if (current.type === 'ArrowFunctionExpression') continue;
    if (current.type === 'FunctionExpression' || current.type === 'FunctionDeclaration') {
      const owner = current.parent;
      return owner?.type === 'MethodDefinition' && owner.parent.type === 'ClassBody' ? owner.parent : undefined;
    }
    if (current.type === 'PropertyDefinition') return current.parent.type === 'ClassBody' ? current.parent : undefined;
    if (current.type === 'ClassBody' || current.type === 'Program') return undefined;
  }
  return undefined;
}

/**
 * The typed declaration of a property without an initialiser: `private app: Express;`, or a
 * constructor parameter property `constructor(private readonly app: Express)`.
 */
function typedPropertyDeclaration(
  classBody: TSESTree.ClassBody,
  name: string,
): { typeAnnotation?: TSESTree.TSTypeAnnotation; key: Node } | undefined {
  for (const element of classBody.body) {
    if (element.type === 'PropertyDefinition' && !element.static && getStaticPropertyName(element) === name) return element;
    if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === 'TSParameterProperty' && param.parameter.type === 'Identifier' && param.parameter.name === name) {
          return { typeAnnotation: param.parameter.typeAnnotation, key: param.parameter };
        }
      }
    }
  }
  return undefined;
}

/** `app = express()` in the class body, or a top-level `this.app = express()` in its constructor. */
function thisPropertyInitializer(classBody: TSESTree.ClassBody, name: string): Node | undefined {
  for (const element of classBody.body) {
    if (element.type === 'PropertyDefinition' && !element.static && element.value && getStaticPropertyName(element) === name) {
      return element.value;
    }
    if (element.type === 'MethodDefinition' && element.kind === 'constructor' && element.value.body) {
      for (const statement of element.value.body.body) {
        if (statement.type !== 'ExpressionStatement') continue;
        const assignment = statement.expression;
        if (
          assignment.type === 'AssignmentExpression' &&
          assignment.operator === '=' &&
          assignment.left.type === 'MemberExpression' &&
          assignment.left.object.type === 'ThisExpression' &&
          getStaticPropertyName(assignment.left) === name
        ) {
          return assignment.right;
        }
      }
    }
  }
  return undefined;
}
