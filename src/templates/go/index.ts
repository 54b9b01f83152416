/**
 * A Go text/template engine: the language of score-k8s's provisioners and patch templates, written from
 * Go's documented behaviour and checked byte for byte against Go itself (test/go-template/).
 */
export { GoTemplate, compileGoTemplate, type GoTemplateOptions } from './template.js';
export type { ExecLimits, GoVersion } from './exec-state.js';
export { GoTemplateError, GoFuncError, type GoTemplatePhase } from './errors.js';
export { goFunc, funcMap, type FuncMap, type GoFunc, type GoFuncOptions } from './funcs.js';
export {
  T,
  arrayOf,
  funcType,
  isAssignable,
  mapOf,
  namedType,
  pointerTo,
  sliceOf,
  structType,
  type GoField,
  type GoKind,
  type GoSignature,
  type GoType,
} from './go-types.js';
export {
  Typed,
  fromDecoded,
  isGoMap,
  kindOf,
  mapValue,
  pointerValue,
  sliceValue,
  structValue,
  typeOf,
  typedInt,
  valueOfType,
  zeroOf,
  type GoComplex,
  type GoMap,
  type GoValue,
  type MapKey,
} from './values.js';
export { sprint, sprintf, sprintln } from './fmt/print.js';
export { compareStrings } from './order.js';
