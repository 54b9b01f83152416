/**
 * Build time only: JSON schemas of the built-in Kubernetes kinds that provisioners and patch templates emit,
 * made from the `kubernetes-models` package's type declarations (a devDependency, generated from the OpenAPI
 * spec of Kubernetes 1.27.1; its README's badge says which version). To update: bump `kubernetes-models` and
 * `@kubernetes-models/apimachinery` in package.json, run `npm run build`, and run test/check/ and test/score-k8s/.
 *
 * Kubernetes semantics kept: an object with fixed properties refuses others (additionalProperties: false, as
 * strict decoding does); an interface without properties (FieldsV1, RawExtension) takes anything; maps take
 * their value type; IntOrString takes strings and integers, Quantity strings and numbers; every other number is
 * an integer (the API has no float fields in these groups); `status`, written by the cluster, is any map.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';

/** apiVersion/Kind of every kind that is checked; the rest pass unchecked. */
export const CHECKED_KINDS = [
  'v1/Pod',
  'v1/Service',
  'v1/ConfigMap',
  'v1/Secret',
  'v1/PersistentVolumeClaim',
  'v1/ServiceAccount',
  'v1/Namespace',
  'v1/Endpoints',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'apps/v1/DaemonSet',
  'apps/v1/ReplicaSet',
  'batch/v1/Job',
  'batch/v1/CronJob',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'rbac.authorization.k8s.io/v1/Role',
  'rbac.authorization.k8s.io/v1/RoleBinding',
  'rbac.authorization.k8s.io/v1/ClusterRole',
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding',
  'policy/v1/PodDisruptionBudget',
  'autoscaling/v2/HorizontalPodAutoscaler',
] as const;

type Schema = Record<string, unknown>;

/**
 * Required in the OpenAPI spec, but a non-pointer struct whose zero value Kubernetes accepts: an absent field
 * decodes to it (a NetworkPolicy without podSelector selects every pod of its namespace).
 */
const ZERO_VALUE_ACCEPTED = new Set(['NetworkPolicySpec.podSelector']);

const require = createRequire(import.meta.url);

/** One schema with a `$defs` entry per object type, and the `$defs` name of each kind's root. */
export function buildKubernetesSchema(): { schema: Schema; roots: Record<string, string> } {
  const ts = require('typescript') as typeof TS;
  const root = path.dirname(require.resolve('kubernetes-models/package.json'));
  const files = CHECKED_KINDS.map((k) => path.join(root, `${k}.d.ts`));
  const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const defs: Record<string, Schema> = {};
  const names = new Map<TS.Type, string>();

  const objectSchema = (type: TS.Type): Schema => {
    const known = names.get(type);
    if (known) return { $ref: `#/$defs/${known}` };
    const name = defName(type, names.size);
    names.set(type, name);
    const properties: Record<string, Schema> = {};
    const required: string[] = [];
    for (const symbol of checker.getPropertiesOfType(type)) {
      const decl = symbol.valueDeclaration ?? symbol.declarations?.[0];
      if (!decl) continue;
      const declared = ts.isPropertySignature(decl) && decl.type ? decl.type.getText() : '';
      // The cluster writes status; what an object brings is dropped, so its fields are not checked (a smaller module).
      if (symbol.name === 'status' && /Status$/.test(declared)) {
        properties.status = { type: 'object' };
        continue;
      }
      properties[symbol.name] = typeSchema(checker.getTypeOfSymbolAtLocation(symbol, decl), declared);
      if (!(symbol.flags & ts.SymbolFlags.Optional) && !ZERO_VALUE_ACCEPTED.has(`${name.replace(/\d+$/, '')}.${symbol.name}`))
        required.push(symbol.name);
    }
    const index = type.getStringIndexType();
    defs[name] = index
      ? { type: 'object', additionalProperties: typeSchema(index, checker.typeToString(index)) }
      : Object.keys(properties).length === 0
        ? { type: 'object' }
        : { type: 'object', properties, ...(required.length > 0 ? { required } : {}), additionalProperties: false };
    return { $ref: `#/$defs/${name}` };
  };

  /** `declared`: the type as written, which names IntOrString and Quantity (both `string | number`). */
  const typeSchema = (type: TS.Type, declared = ''): Schema => {
    if (type.isUnion()) {
      const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      if (parts.length === 2 && parts.some((t) => t.flags & ts.TypeFlags.String) && parts.some((t) => t.flags & ts.TypeFlags.Number)) {
        if (/IntOrString/.test(declared)) return { type: ['string', 'integer'] };
        if (/Quantity/.test(declared)) return { type: ['string', 'number'] };
        throw new Error(`unexpected type ${declared}`);
      }
      if (parts.every((t) => t.isStringLiteral()))
        return parts.length === 1
          ? { const: (parts[0] as TS.StringLiteralType).value }
          : { type: 'string', enum: parts.map((t) => t.value).sort() };
      if (parts.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
      if (parts.length === 1) return typeSchema(parts[0]!, declared);
      throw new Error(`unexpected union type ${checker.typeToString(type)}`);
    }
    if (type.isStringLiteral()) return { const: type.value };
    if (type.flags & ts.TypeFlags.String) return { type: 'string' };
    if (type.flags & ts.TypeFlags.Number) return { type: 'integer' };
    if (type.flags & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return {};
    if (checker.isArrayType(type))
      return { type: 'array', items: typeSchema(checker.getTypeArguments(type as TS.TypeReference)[0]!, declared) };
    if (type.flags & ts.TypeFlags.Object) return objectSchema(type);
    throw new Error(`unexpected type ${checker.typeToString(type)}`);
  };

  const roots: Record<string, string> = {};
  for (const [i, kind] of CHECKED_KINDS.entries()) {
    const source = program.getSourceFile(files[i]!)!;
    const kindName = kind.slice(kind.lastIndexOf('/') + 1);
    const statement = source.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === `I${kindName}`);
    if (!statement) throw new Error(`no interface I${kindName} in ${files[i]}`);
    const ref = objectSchema(checker.getTypeAtLocation(statement)).$ref as string;
    roots[kind] = ref.slice('#/$defs/'.length);
  }
  return { schema: { $id: 'kubernetes', $defs: defs }, roots };
}

/**
 * Each object type's field names, with the type each leads to (through lists and maps): how messages suggest
 * the field a misspelt one meant. `{ DeploymentSpec3: { f: { replicas: null, selector: 'LabelSelector4' } } }`.
 */
export function fieldTable(schema: Schema): Record<string, { f?: Record<string, string | null>; m?: string }> {
  const target = (s: Schema | undefined): string | null => {
    if (!s) return null;
    if (typeof s.$ref === 'string') return s.$ref.slice('#/$defs/'.length);
    return s.type === 'array' ? target(s.items as Schema) : null;
  };
  const defs = schema.$defs as Record<string, Schema>;
  return Object.fromEntries(
    Object.entries(defs).map(([name, def]) => {
      const props = def.properties as Record<string, Schema> | undefined;
      const map = typeof def.additionalProperties === 'object' ? target(def.additionalProperties as Schema) : null;
      return [
        name,
        { ...(props ? { f: Object.fromEntries(Object.keys(props).map((k) => [k, target(props[k])])) } : {}), ...(map ? { m: map } : {}) },
      ];
    }),
  );
}

/** The type's interface name without its `I` (DeploymentSpec), numbered when two share a name. */
function defName(type: TS.Type, n: number): string {
  const name = (type.aliasSymbol ?? type.getSymbol())?.name ?? '';
  const plain = /^I[A-Z]/.test(name) ? name.slice(1) : name;
  return plain === '' || plain === '__type' ? `Object${n}` : `${plain}${n}`;
}
