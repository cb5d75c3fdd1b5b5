package knowledge

import (
	"os"
	"strings"
	"testing"
)

// TestDebugQuery explains one question (DEBUGQ="..."); a development aid that asserts nothing.
func TestDebugQuery(t *testing.T) {
	q := os.Getenv("DEBUGQ")
	if q == "" {
		t.Skip("set DEBUGQ to a question")
	}
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, qt := range m.queryTerms(q) {
		var names []string
		for _, id := range qt.ids {
			if id >= 0 {
				for n, i := range m.ix.terms {
					if i == id {
						names = append(names, n)
					}
				}
			}
		}
		t.Logf("term %v w=%.2f conf=%.2f idf=%.2f known=%v content=%v", names, qt.weight, qt.conf, qt.idf, qt.known, qt.content)
	}
	for _, a := range analyze(q, stemBoth, m.stems, m.correct) {
		t.Logf("analyzed %q alt %q kind %d w %.2f", a.text, a.alt, a.kind, a.weight)
	}
	res, f := m.match(q, EN)
	t.Logf("features %+v answered %v", f, res.Answered)
	for _, c := range res.Candidates {
		t.Logf("  %s %.3f", c.Fact.ID, c.Score)
	}
	if ids := os.Getenv("DEBUGF"); ids != "" {
		for _, id := range strings.Split(ids, ",") {
			f, _ := base.Get(id)
			for _, p := range append(append([]string{f.TitleEN, f.TitleID}, f.QuestionsEN...), f.QuestionsID...) {
				var ts []string
				for _, a := range analyze(p, stemBoth, m.stems, nil) {
					ts = append(ts, a.text)
				}
				t.Logf("%s: %q -> %v", id, p, ts)
			}
		}
	}
}
