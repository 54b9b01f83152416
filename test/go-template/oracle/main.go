// Command oracle renders Go text/template cases for score-ts's tests: the real engine, to compare against.
//
// It reads one JSON case per line from stdin and writes one JSON result per line to stdout, so a whole test
// suite costs one process. A case is {"id", "name", "text", "data", "missingkey", "sprig"}; a result is
// {"id", "out", "err"} where out is what Execute wrote (also on error) and err is the error text or "".
// Data is tagged JSON (see decode) so that ints, floats and Go types survive the trip.
//
// Built by the tests with GO111MODULE=off and GOPATH set to Debian's golang-github-masterminds-sprig-dev tree.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
)

// Protocol, Port, Service and Data mirror the shapes score-k8s passes to its templates (a pointer to a struct
// with string fields, nil-able maps, typed maps of structs and a named string type).
type Protocol string

type Port struct {
	Name       string
	Port       int
	TargetPort int
	Protocol   Protocol
}

type Service struct {
	ServiceName string
	Ports       map[string]Port
}

type Data struct {
	Name     string
	Params   map[string]interface{}
	Services map[string]Service
	Any      interface{}
	Ptr      *Service
	hidden   string
}

type testCase struct {
	ID         int             `json:"id"`
	Name       string          `json:"name"`
	Text       string          `json:"text"`
	Data       json.RawMessage `json:"data"`
	MissingKey string          `json:"missingkey"`
	Sprig      bool            `json:"sprig"`
}

type result struct {
	ID  int    `json:"id"`
	Out string `json:"out"`
	Err string `json:"err"`
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	enc := json.NewEncoder(out)
	for {
		line, err := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			var c testCase
			if jerr := json.Unmarshal(line, &c); jerr != nil {
				fmt.Fprintln(os.Stderr, "bad case:", jerr)
				os.Exit(2)
			}
			enc.Encode(render(c))
		}
		if err != nil {
			return
		}
	}
}

// render parses and executes one case, turning panics (bad data tags) into an error result.
func render(c testCase) (r result) {
	r.ID = c.ID
	defer func() {
		if p := recover(); p != nil {
			r.Err = fmt.Sprintf("oracle panic: %v", p)
		}
	}()
	t := template.New(c.Name).Funcs(testFuncs)
	if c.Sprig {
		t = t.Funcs(sprig.TxtFuncMap())
	}
	if c.MissingKey != "" {
		t = t.Option("missingkey=" + c.MissingKey)
	}
	t, err := t.Parse(c.Text)
	if err != nil {
		r.Err = err.Error()
		return
	}
	var data interface{}
	if len(c.Data) > 0 {
		data = decode(c.Data)
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, data); err != nil {
		r.Err = err.Error()
	}
	r.Out = buf.String()
	return
}

// testFuncs exercise the function interface: typed parameters, variadics, error results and panics.
var testFuncs = template.FuncMap{
	"fail":    func(s string) (string, error) { return s, failIf(s) },
	"add":     func(a, b int) int { return a + b },
	"addf":    func(a, b float64) float64 { return a + b },
	"strs":    func(s ...string) []string { return s },
	"join":    func(sep string, s []string) string { return strings.Join(s, sep) },
	"anyval":  func(x interface{}) interface{} { return x },
	"pair":    func(a, b interface{}) []interface{} { return []interface{}{a, b} },
	"nilmap":  func() map[string]interface{} { return nil },
	"nilany":  func() interface{} { return nil },
	"boom":    func() string { panic("boom") },
	"u8":      func(x int) uint8 { return uint8(x) },
	"tail":    func(n int, rest ...interface{}) int { return n + len(rest) },
	"isnil":   func(x interface{}) bool { return x == nil },
	"mapof":   func(k string, v interface{}) map[string]interface{} { return map[string]interface{}{k: v} },
	"service": func(name string) *Service { return &Service{ServiceName: name} },
}

func failIf(s string) error {
	if s == "" {
		return nil
	}
	return errors.New(s)
}

// funcValues are the function values data can carry (for the call built-in).
var funcValues = map[string]interface{}{
	"add":    func(a, b int) int { return a + b },
	"fail":   func(s string) (string, error) { return s, failIf(s) },
	"concat": func(s ...string) string { return strings.Join(s, "") },
	"nilfn":  (func() int)(nil),
}

// decode turns tagged JSON into Go values: strings, bools, null and arrays are themselves ([]interface{});
// every object is a tagged value {"t": TYPE, "v": ...}.
func decode(raw json.RawMessage) interface{} {
	raw = bytes.TrimSpace(raw)
	switch raw[0] {
	case '"':
		var s string
		must(json.Unmarshal(raw, &s))
		return s
	case 't', 'f':
		return string(raw) == "true"
	case 'n':
		return nil
	case '[':
		var items []json.RawMessage
		must(json.Unmarshal(raw, &items))
		list := make([]interface{}, len(items))
		for i, item := range items {
			list[i] = decode(item)
		}
		return list
	}
	var tagged struct {
		T string          `json:"t"`
		V json.RawMessage `json:"v"`
	}
	must(json.Unmarshal(raw, &tagged))
	return decodeTagged(tagged.T, tagged.V)
}

func decodeTagged(tag string, v json.RawMessage) interface{} {
	switch tag {
	case "int":
		return int(parseInt(v, 64))
	case "int64":
		return parseInt(v, 64)
	case "int8":
		return int8(parseInt(v, 8))
	case "uint8":
		return uint8(parseUint(v, 8))
	case "uint":
		return uint(parseUint(v, 64))
	case "uint64":
		return parseUint(v, 64)
	case "float64":
		return parseFloat(v, 64)
	case "float32":
		return float32(parseFloat(v, 32))
	case "complex":
		var parts [2]string
		must(json.Unmarshal(v, &parts))
		return complex(parseFloat(quote(parts[0]), 64), parseFloat(quote(parts[1]), 64))
	case "map":
		return decodeMap(v)
	case "nilmap":
		return map[string]interface{}(nil)
	case "nilslice":
		return []interface{}(nil)
	case "strings":
		var s []string
		must(json.Unmarshal(v, &s))
		return s
	case "ints":
		var s []int
		must(json.Unmarshal(v, &s))
		return s
	case "smap":
		var m map[string]string
		must(json.Unmarshal(v, &m))
		return m
	case "imap":
		m := map[int]interface{}{}
		for k, item := range decodeMap(v) {
			n, err := strconv.Atoi(k)
			must(err)
			m[n] = item
		}
		return m
	case "proto":
		var s string
		must(json.Unmarshal(v, &s))
		return Protocol(s)
	case "port":
		return decodePort(v)
	case "service":
		return decodeService(v)
	case "data":
		return decodeData(v)
	case "func":
		var name string
		must(json.Unmarshal(v, &name))
		return funcValues[name]
	}
	panic("unknown tag " + tag)
}

func decodeMap(v json.RawMessage) map[string]interface{} {
	var items map[string]json.RawMessage
	must(json.Unmarshal(v, &items))
	m := make(map[string]interface{}, len(items))
	for k, item := range items {
		m[k] = decode(item)
	}
	return m
}

func decodePort(v json.RawMessage) Port {
	var p struct {
		Name       string
		Port       int
		TargetPort int
		Protocol   string
	}
	must(json.Unmarshal(v, &p))
	return Port{p.Name, p.Port, p.TargetPort, Protocol(p.Protocol)}
}

func decodeService(v json.RawMessage) Service {
	var s struct {
		ServiceName string
		Ports       map[string]json.RawMessage
	}
	must(json.Unmarshal(v, &s))
	out := Service{ServiceName: s.ServiceName}
	if s.Ports != nil {
		out.Ports = map[string]Port{}
		for k, p := range s.Ports {
			out.Ports[k] = decodePort(p)
		}
	}
	return out
}

func decodeData(v json.RawMessage) *Data {
	var d struct {
		Name     string
		Params   json.RawMessage
		Services map[string]json.RawMessage
		Any      json.RawMessage
		Ptr      json.RawMessage
		Hidden   string
	}
	must(json.Unmarshal(v, &d))
	out := &Data{Name: d.Name, hidden: d.Hidden}
	if len(d.Params) > 0 && string(d.Params) != "null" {
		out.Params = decode(d.Params).(map[string]interface{})
	}
	if d.Services != nil {
		out.Services = map[string]Service{}
		for k, s := range d.Services {
			out.Services[k] = decodeService(s)
		}
	}
	if len(d.Any) > 0 {
		out.Any = decode(d.Any)
	}
	if len(d.Ptr) > 0 && string(d.Ptr) != "null" {
		s := decodeService(d.Ptr)
		out.Ptr = &s
	}
	return out
}

func parseInt(v json.RawMessage, bits int) int64 {
	var s string
	must(json.Unmarshal(v, &s))
	n, err := strconv.ParseInt(s, 10, bits)
	must(err)
	return n
}

func parseUint(v json.RawMessage, bits int) uint64 {
	var s string
	must(json.Unmarshal(v, &s))
	n, err := strconv.ParseUint(s, 10, bits)
	must(err)
	return n
}

func parseFloat(v json.RawMessage, bits int) float64 {
	var s string
	must(json.Unmarshal(v, &s))
	f, err := strconv.ParseFloat(s, bits)
	must(err)
	return f
}

func quote(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
