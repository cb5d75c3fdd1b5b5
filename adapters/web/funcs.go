package web

import (
	"html/template"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// funcs are the templates' helpers; none of them produces unescaped HTML.
var funcs = template.FuncMap{
	"t": func(lang knowledge.Lang, key string, args ...any) string { return tr(lang, key, args...) },
	"link": func(path string, lang knowledge.Lang, kv ...string) string {
		return link(path, lang, kv...)
	},
	"topicLabel": func(t knowledge.Topic, lang knowledge.Lang) string { return t.Label(lang) },
	"eq2":        func(a, b any) bool { return a == b },
}
