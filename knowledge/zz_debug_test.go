package knowledge

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("ZZQ")
	if qs == "" {
		t.Skip()
	}
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, s := range strings.Split(qs, "|") {
		q := m.Parse(s)
		var ts []string
		for _, x := range q.terms {
			ts = append(ts, fmt.Sprintf("%s/%d/%v", x.text, x.kind, x.sub))
		}
		var rs []string
		for _, x := range q.raw {
			rs = append(rs, x.text)
		}
		r := m.Match(s, EN)
		var c []string
		for i, x := range r.Candidates {
			if i == 5 {
				break
			}
			c = append(c, fmt.Sprintf("%s:%.2f", x.Fact.ID, x.Score))
		}
		t.Logf("%q\n raw=%v\n terms=%v\n answered=%v best=%v cands=%v", s, rs, ts, r.Answered, r.Best.Fact != nil && r.Answered, c)
	}
}

func TestZZLife(t *testing.T) {
	qs := os.Getenv("ZZQ")
	if qs == "" {
		t.Skip()
	}
	base, _ := Embedded()
	m := NewMatcher(base)
	for _, s := range strings.Split(qs, "|") {
		q := m.Parse(s)
		d, _ := m.namedBy(q.terms)
		name := ""
		if d >= 0 {
			name = m.facts[d].ID
		}
		r := m.Match(s, EN)
		in := []string{}
		for _, c := range r.Candidates {
			in = append(in, c.Fact.ID)
		}
		t.Logf("%q angle=%d named=%s ranked=%v", s, lifespanAngle(q.raw), name, in)
	}
}

func TestZZLife2(t *testing.T) {
	qs := os.Getenv("ZZQ")
	if qs == "" {
		t.Skip()
	}
	base, _ := Embedded()
	m := NewMatcher(base)
	for _, s := range strings.Split(qs, "|") {
		q := m.Parse(s)
		d, _ := m.namedBy(q.terms)
		name := ""
		names := map[int32]bool{}
		if d >= 0 {
			name = m.facts[d].ID
			for _, l := range m.labels[d] {
				for _, id := range l.ids {
					names[id] = true
				}
			}
		}
		var block []string
		for _, t := range q.terms {
			if t.sub || t.described || m.lifespanTerms[t.text] || t.alt != "" && m.lifespanTerms[t.alt] {
				continue
			}
			if !names[m.ix.lookup(t.text)] && (t.alt == "" || !names[m.ix.lookup(t.alt)]) {
				block = append(block, t.text)
			}
		}
		desc := ""
		if q.describes != nil {
			desc = q.describes.ID
		}
		t.Logf("%q angle=%d named=%s describes=%s block=%v", s, lifespanAngle(q.raw), name, desc, block)
	}
}
