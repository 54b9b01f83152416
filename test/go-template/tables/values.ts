/**
 * The value model and the function interface: score-k8s-shaped data (a pointer to a struct with maps of
 * structs), typed values Go distinguishes (int vs float64, sized ints, nil maps, []string vs []interface{}),
 * missingkey, and functions with typed parameters, variadics, errors and nil results. Expected values are Go 1.19's.
 */
import { tag } from '../support/tagged.js';
import type { Row } from '../support/table.js';

/** Data shaped like score-k8s's: a pointer to a struct (see tagged.ts). */
const K8S = tag.data({ Name: 'db', Params: tag.map({ size: tag.int(5), tags: ['a', 'b'], ratio: tag.float(0.5) }), Services: { web: { ServiceName: 'web-svc', Ports: { http: { Name: 'http', Port: 80, TargetPort: 8080, Protocol: 'TCP' }, '80': { Name: 'http', Port: 80, TargetPort: 8080, Protocol: 'TCP' } } } }, Any: 'x', Ptr: { ServiceName: 'p' }, Hidden: 'h' });

/** The same struct with every field at its zero value. */
const EMPTY = tag.data({  });

/** Values of types JSON and YAML do not have. */
const TYPED = tag.map({ i64: tag.typed('int64', -5n), i8: tag.typed('int8', -128n), u8: tag.typed('uint8', 255n), u: tag.typed('uint', 7n), u64: tag.typed('uint64', 18446744073709551615n), f32: tag.typed('float32', 1.5), c: tag.complex(1, -2), nm: tag.nilMap(), ns: tag.nilSlice(), ss: tag.strings(['x', 'y']), is: tag.ints([3, 1]), sm: tag.smap({ b: '2', a: '1' }), im: tag.imap({ '10': 'ten', '2': 'two', '-1': tag.int(1) }), pr: tag.proto('TCP'), yint: tag.int(5), jsonfloat: tag.float(5.0), n: null });

export const valueRows: readonly Row[] = [
  { name: 'struct fields and map keys chain', text: '{{.Name}} {{.Params.size}} {{.Services.web.ServiceName}} {{.Services.web.Ports.http.TargetPort}}', data: K8S, out: 'db 5 web-svc 8080' },
  { name: 'ports by name and by number', text: '{{(index .Services.web.Ports "80").Port}} {{.Services.web.Ports.http.Protocol}}', data: K8S, out: '80 TCP' },
  { name: 'a pointer to a struct prints as the struct', text: '{{.Ptr}}|{{print .Ptr}}', data: K8S, out: '{p map[]}|&{p map[]}' },
  { name: '%v and %+v of structs', text: '{{printf "%v|%+v" .Services.web.Ports.http .Services.web.Ports.http}}', data: K8S, out: '{http 80 8080 TCP}|{Name:http Port:80 TargetPort:8080 Protocol:TCP}' },
  { name: '%#v of a struct', text: '{{printf "%#v" .Services.web.Ports.http}}', data: K8S, out: 'main.Port{Name:"http", Port:80, TargetPort:8080, Protocol:"TCP"}' },
  { name: '%T of the data', text: '{{printf "%T|%T|%T" . .Services .Services.web.Ports.http.Protocol}}', data: K8S, out: '*main.Data|map[string]main.Service|main.Protocol' },
  { name: 'a named string type compares with strings', text: '{{eq .Services.web.Ports.http.Protocol "TCP"}}', data: K8S, out: 'true' },
  { name: 'range over a map of structs', text: '{{range $k, $v := .Services.web.Ports}}{{$k}}:{{$v.TargetPort}} {{end}}', data: K8S, out: '80:8080 http:8080 ' },
  { name: 'an unknown field of the data names the pointer type', text: '{{.Nope}}', data: K8S, out: '', err: 'template: t:1:2: executing "t" at <.Nope>: can\'t evaluate field Nope in type *main.Data' },
  { name: 'an unknown field of a struct in a map', text: '{{.Services.web.Nope}}', data: K8S, out: '', err: 'template: t:1:11: executing "t" at <.Services.web.Nope>: can\'t evaluate field Nope in type main.Service' },
  { name: 'an unexported field', text: '{{.hidden}}', data: K8S, out: '', err: 'template: t:1:2: executing "t" at <.hidden>: hidden is an unexported field of struct type *main.Data' },
  { name: 'a missing key of a typed map prints <no value>', text: '{{.Services.nope}}', data: K8S, out: '<no value>' },
  { name: 'a field of a missing struct is <no value>', text: '{{.Services.nope.ServiceName}}', data: K8S, out: '<no value>' },
  { name: 'an interface{} field holding a string', text: '{{.Any}} {{.Any.x}}', data: K8S, out: 'x ', err: 'template: t:1:15: executing "t" at <.Any.x>: can\'t evaluate field x in type interface {}' },
  { name: 'nil map fields: print map[], are false, index to <no value>', text: '{{.Params}} {{if .Params}}y{{else}}n{{end}} {{.Params.size}} {{len .Params}} {{eq .Params nil}}', data: EMPTY, out: 'map[] n <no value> 0 true' },
  { name: 'a nil pointer field', text: '{{.Ptr}} {{eq .Ptr nil}}', data: EMPTY, out: '<nil> true' },
  { name: 'a field of a nil pointer fails', text: '{{.Ptr.ServiceName}}', data: EMPTY, out: '', err: 'template: t:1:6: executing "t" at <.Ptr.ServiceName>: nil pointer evaluating *main.Service.ServiceName' },
  { name: 'an unknown field of a nil pointer to a struct', text: '{{.Ptr.Nope}}', data: EMPTY, out: '', err: 'template: t:1:6: executing "t" at <.Ptr.Nope>: can\'t evaluate field Nope in type *main.Service' },
  { name: 'missingkey=zero on a typed map gives the zero struct', text: '{{.Services.nope}}', data: K8S, missingkey: 'zero', out: '{ map[]}' },
  { name: 'missingkey=zero on map[string]interface{} still prints <no value>', text: '{{.Params.nope}}', data: K8S, missingkey: 'zero', out: '<no value>' },
  { name: 'missingkey=zero on map[string]string gives ""', text: '[{{.sm.nope}}]', data: TYPED, missingkey: 'zero', out: '[]' },
  { name: 'missingkey=invalid is the default', text: '{{.Params.nope}}', data: K8S, missingkey: 'invalid', out: '<no value>' },
  { name: 'missingkey=error', text: '{{.Services.nope}}', data: K8S, missingkey: 'error', out: '', err: 'template: t:1:11: executing "t" at <.Services.nope>: map has no entry for key "nope"' },
  { name: 'YAML ints are int, JSON numbers are float64: both print 5', text: '{{.yint}} {{.jsonfloat}} {{printf "%T %T" .yint .jsonfloat}}', data: TYPED, out: '5 5 int float64' },
  { name: 'an int and a float64 never compare equal', text: '{{eq .yint .jsonfloat}}', data: TYPED, out: '', err: 'template: t:1:2: executing "t" at <eq .yint .jsonfloat>: error calling eq: incompatible types for comparison' },
  { name: 'sized ints print their value', text: '{{.i64}} {{.i8}} {{.u8}} {{.u}} {{.u64}}', data: TYPED, out: '-5 -128 255 7 18446744073709551615' },
  { name: 'float32 and complex', text: '{{.f32}} {{.c}}', data: TYPED, out: '1.5 (1-2i)' },
  { name: 'nil maps and slices print empty', text: '{{.nm}} {{.ns}} {{len .nm}} {{len .ns}}', data: TYPED, out: 'map[] [] 0 0' },
  { name: 'typed slices and maps', text: '{{.ss}} {{.is}} {{.sm}} {{.im}}', data: TYPED, out: '[x y] [3 1] map[a:1 b:2] map[-1:1 2:two 10:ten]' },
  { name: 'a map with int keys ranges in numeric order', text: '{{range $k, $v := .im}}{{$k}}={{$v}} {{end}}', data: TYPED, out: '-1=1 2=two 10=ten ' },
  { name: 'a []string element is a string, not an interface', text: '{{range .ss}}{{.x}}{{end}}', data: TYPED, out: '', err: 'template: t:1:15: executing "t" at <.x>: can\'t evaluate field x in type string' },
  { name: 'a []interface{} element is an interface', text: '{{range .l}}{{.x}}{{end}}', data: tag.map({ l: ['s'] }), out: '', err: 'template: t:1:14: executing "t" at <.x>: can\'t evaluate field x in type interface {}' },
  { name: 'index of []int and map[string]string', text: '{{index .is 0}} {{index .sm "a"}}', data: TYPED, out: '3 1' },
  { name: '%d and %x of sized ints', text: '{{printf "%d %x %o %c %U" .u8 .u64 .i8 .u8 .u8}}', data: TYPED, out: '255 ffffffffffffffff -200 ÿ U+00FF' },
  { name: 'a function error result', text: '{{fail ""}}ok {{fail "oops"}}', data: TYPED, out: 'ok ', err: 'template: t:1:16: executing "t" at <fail "oops">: error calling fail: oops' },
  { name: 'constants take the parameter type: 1 is a float64 for addf', text: '{{addf 1 2}} {{add 1 2}}', data: TYPED, out: '3 3' },
  { name: 'an int argument for a float64 parameter fails', text: '{{addf .yint 1}}', data: TYPED, out: '', err: 'template: t:1:7: executing "t" at <.yint>: wrong type for value; expected float64; got int' },
  { name: 'a uint8 value for an int parameter fails', text: '{{add .u8 1}}', data: TYPED, out: '', err: 'template: t:1:6: executing "t" at <.u8>: wrong type for value; expected int; got uint8' },
  { name: 'an int constant too large for uint8 wraps', text: '{{u8 300}}', data: TYPED, out: '44' },
  { name: 'variadic parameters', text: '{{strs}} {{strs "a" "b"}} {{tail 1}} {{tail 1 2 3}} {{"x" | tail 1}}', data: TYPED, out: '[] [a b] 1 3 2' },
  { name: 'a variadic parameter of the wrong type', text: '{{strs "a" 1}}', data: TYPED, out: '', err: 'template: t:1:11: executing "t" at <1>: expected string; found 1' },
  { name: 'a []string parameter takes []string values only', text: '{{join "," .ss}} {{join "," (strs "a" "b")}}', data: TYPED, out: 'x,y a,b' },
  { name: 'a []string parameter refuses []interface{}', text: '{{join "," .l}}', data: tag.map({ l: ['a'] }), out: '', err: 'template: t:1:11: executing "t" at <.l>: wrong type for value; expected []string; got []interface {}' },
  { name: 'nil for a []string parameter is a nil slice', text: '[{{join "," nil}}]', data: TYPED, out: '[]' },
  { name: 'nil results: a nil map prints map[], a nil interface{} <no value>', text: '{{nilmap}} {{nilany}}', data: TYPED, out: 'map[] <no value>' },
  { name: 'a field of a nil interface{} result fails', text: '{{nilany.x}}', data: TYPED, out: '', err: 'template: t:1:2: executing "t" at <nilany>: nil pointer evaluating interface {}.x' },
  { name: 'interface{} parameters get nil for no value', text: '{{isnil .nope}} {{isnil nil}} {{isnil .n}} {{isnil .nm}}', data: TYPED, out: 'true true true false' },
  { name: 'a map result', text: '{{(mapof "k" 1).k}} {{mapof "k" nil}}', data: TYPED, out: '1 map[k:<nil>]' },
  { name: 'a pointer result', text: '{{(service "s").ServiceName}} {{service "s"}}', data: TYPED, out: 's {s map[]}' },
  { name: 'the interface{} result of anyval opens at the end of the pipeline', text: '{{anyval .sm}} {{(anyval .sm).a}}', data: TYPED, out: 'map[a:1 b:2] 1' },
];
