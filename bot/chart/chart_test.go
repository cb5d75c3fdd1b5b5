package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

var update = flag.Bool("update", false, "rewrite the golden layout files in testdata")

// fixture is a small made-up timeline: its golden layouts do not move when the real
// fact base grows.
func fixture() []*knowledge.Fact {
	return []*knowledge.Fact{
		{ID: "res-a", Date: "2001-11-29", Topics: []string{"resolutions", "gge"}, Symbols: []string{"A/RES/56/19"}, TitleEN: "Resolution A", TitleID: "Resolusi A"},
		{ID: "origin", Date: "2002", Topics: []string{"origins"}, TitleEN: "An early meeting of experts in Geneva", TitleID: "Pertemuan awal para ahli di Jenewa"},
		{ID: "gge-rep", Date: "2015-07-22", Topics: []string{"gge", "norms"}, Symbols: []string{"A/70/174"}, TitleEN: "2015 report", TitleID: "Laporan 2015"},
		{ID: "gge-rep2", Date: "2015-12", Topics: []string{"norms", "gge"}, Symbols: []string{"A/RES/70/237"}, TitleEN: "GA welcomes it", TitleID: "MU menyambutnya"},
		{ID: "oewg", Date: "2018-12-05", Topics: []string{"oewg"}, Symbols: []string{"A/RES/73/27"}, TitleEN: "OEWG created", TitleID: "OEWG dibentuk"},
		{ID: "crime", Date: "2019-12-27", Topics: []string{"cybercrime", "resolutions"}, TitleEN: "Ad Hoc Committee created “for the convention”", TitleID: "Komite Ad Hoc dibentuk “untuk konvensi”"},
		{ID: "bssn", Date: "2017-05-19", Topics: []string{"people", "indonesia"}, TitleEN: "BSSN, Indonesia’s cyber agency, created", TitleID: "BSSN, badan siber Indonesia, dibentuk"},
		{ID: "mech", Date: "2026-03-30", Topics: []string{"mechanism"}, TitleEN: "Global Mechanism opens — organizational session", TitleID: "Mekanisme Global dibuka — sesi organisasi"},
	}
}

// golden is the part of a layout a reader sees: texts and where they are.
type golden struct {
	Size     string
	Title    string
	Subtitle []string
	Legend   []string
	Lanes    []string
	Ticks    []string
	Marks    []string
	Footer   []string
}

func goldenOf(l Layout) golden {
	g := golden{Size: fmt.Sprintf("%dx%d", l.Width, l.Height), Title: l.Title, Subtitle: l.Subtitle, Footer: l.Footer}
	for _, it := range l.Legend {
		g.Legend = append(g.Legend, fmt.Sprintf("%s @%d,%d", it.Label, it.X, it.Y))
	}
	for _, ln := range l.Lanes {
		g.Lanes = append(g.Lanes, fmt.Sprintf("%s y=%d h=%d", ln.Label, ln.Y, ln.Height))
	}
	for _, t := range l.Ticks {
		if t.Major {
			g.Ticks = append(g.Ticks, fmt.Sprintf("%s@%d", t.Label, t.X))
		}
	}
	for _, m := range l.Marks {
		g.Marks = append(g.Marks, fmt.Sprintf("%s %s marker=%d,%d label=%d,%d row=%d %q", m.Track, m.FactID, m.X, m.Y, m.LabelX, m.LabelY, m.Row, m.Label))
	}
	return g
}

func TestLayoutGolden(t *testing.T) {
	fonts, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	events := fixture()
	// Build wants date order, as knowledge.Base.Timeline gives it.
	byDate := func(in []*knowledge.Fact, keep func(*knowledge.Fact) bool) []*knowledge.Fact {
		var out []*knowledge.Fact
		for _, f := range in {
			if keep(f) {
				out = append(out, f)
			}
		}
		for i := range out {
			for j := i + 1; j < len(out); j++ {
				if out[j].Date < out[i].Date {
					out[i], out[j] = out[j], out[i]
				}
			}
		}
		return out
	}
	all := func(*knowledge.Fact) bool { return true }
	cases := []struct {
		name   string
		events []*knowledge.Fact
		req    Request
	}{
		{"all-en", byDate(events, all), Request{Lang: knowledge.EN}},
		{"all-id-600", byDate(events, all), Request{Lang: knowledge.ID, Width: 600}},
		{"range-2015-2019-en", byDate(events, func(f *knowledge.Fact) bool { return f.Year() >= 2015 && f.Year() <= 2019 }),
			Request{Lang: knowledge.EN, Filter: knowledge.TimelineFilter{From: 2015, To: 2019}}},
		{"topic-gge-id", byDate(events, func(f *knowledge.Fact) bool { return f.HasTopic("gge") }),
			Request{Lang: knowledge.ID, Filter: knowledge.TimelineFilter{Topic: "gge"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := fonts.faces(1)
			defer m.close()
			l, ok := Build(tc.events, tc.req, m, testWords(tc.req.Lang))
			if !ok {
				t.Fatal("no layout")
			}
			got, _ := json.MarshalIndent(goldenOf(l), "", "  ")
			got = append(got, '\n')
			path := filepath.Join("testdata", tc.name+".json")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./bot/chart -run TestLayoutGolden -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("layout differs from %s (-update rewrites it after a deliberate change):\n%s", path, got)
			}
		})
	}
}

func TestBuildEmpty(t *testing.T) {
	fonts, _ := LoadFonts()
	m := fonts.faces(1)
	defer m.close()
	if _, ok := Build(nil, Request{}, m, testWords(knowledge.EN)); ok {
		t.Fatal("an empty range must not be drawn")
	}
}

// TestLayoutInvariants checks the real fact base at several widths: every timeline fact
// drawn once, labels inside the picture and never on top of each other.
func TestLayoutInvariants(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(-1, testWords)
	if err != nil {
		t.Fatal(err)
	}
	m := r.fonts.faces(1)
	defer m.close()
	for _, req := range []Request{
		{Lang: knowledge.EN}, {Lang: knowledge.ID}, {Lang: knowledge.EN, Width: 600}, {Lang: knowledge.ID, Width: 600},
		{Lang: knowledge.EN, Filter: knowledge.TimelineFilter{From: 2013, To: 2021}},
		{Lang: knowledge.ID, Filter: knowledge.TimelineFilter{Topic: "cybercrime"}},
		{Lang: knowledge.EN, Filter: knowledge.TimelineFilter{From: 2015, To: 2015}},
	} {
		name := fmt.Sprintf("%s/%d/%+v", req.Lang, req.Width, req.Filter)
		events := base.Timeline(req.Filter)
		l, ok := r.Layout(base, req)
		if !ok {
			t.Fatalf("%s: no layout", name)
		}
		if l.Width < MinWidth {
			t.Errorf("%s: width %d", name, l.Width)
		}
		if len(l.Marks) != len(events) {
			t.Errorf("%s: %d marks for %d events", name, len(l.Marks), len(events))
		}
		type slot struct {
			track string
			row   int
		}
		spans := map[slot][][2]int{}
		seen := map[string]int{}
		for _, f := range events {
			seen[f.ID] = 0
		}
		for _, mk := range l.Marks {
			if n, ok := seen[mk.FactID]; !ok || n > 0 {
				t.Errorf("%s: mark %s is not one of the events, or drawn twice", name, mk.FactID)
			}
			seen[mk.FactID]++
			w := m.Width(mk.Label, labelSize, false)
			if mk.LabelX < 0 || mk.LabelX+w > l.Width || mk.LabelY > l.Height {
				t.Errorf("%s: label %q at %d..%d outside %d px", name, mk.Label, mk.LabelX, mk.LabelX+w, l.Width)
			}
			if mk.X < l.PlotX0 || mk.X > l.PlotX1 {
				t.Errorf("%s: marker of %s at x=%d outside the plot", name, mk.FactID, mk.X)
			}
			k := slot{mk.Track, mk.Row}
			for _, s := range spans[k] {
				if mk.LabelX < s[1] && s[0] < mk.LabelX+w {
					t.Errorf("%s: label %q overlaps another on its row", name, mk.Label)
				}
			}
			spans[k] = append(spans[k], [2]int{mk.LabelX, mk.LabelX + w})
		}
		check := func(line string, size int, bold bool) {
			if w := m.Width(line, size, bold); w > l.Width-2*margin {
				t.Errorf("%s: %q is %d px wide in a %d px chart", name, line, w, l.Width)
			}
		}
		check(l.Title, titleSize, true)
		for _, line := range l.Subtitle {
			check(line, textSize, false)
		}
		for _, line := range l.Footer {
			check(line, labelSize, false)
		}
	}
}

// TestFontCoversFacts: every rune the chart may draw from the fact base has a glyph.
func TestFontCoversFacts(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	fonts, err := LoadFonts()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, f := range base.Facts() {
		texts = append(texts, f.TitleEN, f.TitleID, strings.Join(f.Symbols, " "))
	}
	for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
		for _, name := range testWords(lang).Tracks {
			texts = append(texts, name)
		}
	}
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if r > ' ' && !fonts.HasGlyph(r) {
				missing[r] = true
			}
		}
	}
	for r := range missing {
		t.Errorf("the embedded fonts have no glyph for %q (U+%04X)", r, r)
	}
}

func TestRendererCachesPerBase(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	other, err := knowledge.Embedded() // equal content, another snapshot
	if err != nil {
		t.Fatal(err)
	}
	r, err := NewRenderer(2, testWords)
	if err != nil {
		t.Fatal(err)
	}
	req := Request{Lang: knowledge.ID, Filter: knowledge.TimelineFilter{From: 2013, To: 2021}}
	a, err := r.PNG(base, req)
	if err != nil || a == nil {
		t.Fatalf("PNG: %v %v", a, err)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(a.PNG))
	if err != nil || cfg.Width < 600 {
		t.Fatalf("PNG %dx%d, %v", cfg.Width, cfg.Height, err)
	}
	if b, _ := r.PNG(base, req); b != a {
		t.Error("the same request on the same base was drawn again")
	}
	if b, _ := r.PNG(other, req); b == a {
		t.Error("another snapshot got the cached chart")
	}
	if b, _ := r.PNG(base, Request{Lang: knowledge.EN, Filter: req.Filter}); b == a {
		t.Error("another language got the cached chart")
	}
	if b, _ := r.PNG(base, req); b == a {
		t.Error("with room for 2, the oldest of 3 charts should have been evicted")
	}
	if c, err := r.PNG(base, Request{Filter: knowledge.TimelineFilter{From: 1900, To: 1901}}); c != nil || err != nil {
		t.Errorf("empty range: %v, %v", c, err)
	}
}

func TestFit(t *testing.T) {
	base, _ := knowledge.Embedded()
	r, _ := NewRenderer(0, testWords)
	c, err := r.PNG(base, Request{Lang: knowledge.EN})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		lim  Limits
		maxW int
	}{
		{"within", Limits{MaxWidth: 5000, MaxBytes: 10 << 20}, c.Layout.Width},
		{"width", Limits{MaxWidth: 800}, 800},
		{"sides", Limits{MaxSides: 1000}, 1000},
		{"bytes", Limits{MaxBytes: len(c.PNG) / 3}, c.Layout.Width - 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, w, h, err := Fit(c.PNG, tc.lim)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(out))
			if err != nil || cfg.Width != w || cfg.Height != h {
				t.Fatalf("decoded %dx%d, reported %dx%d, %v", cfg.Width, cfg.Height, w, h, err)
			}
			if w > tc.maxW || tc.lim.MaxSides > 0 && w+h > tc.lim.MaxSides || tc.lim.MaxBytes > 0 && len(out) > tc.lim.MaxBytes {
				t.Errorf("%dx%d, %d bytes: over %+v", w, h, len(out), tc.lim)
			}
		})
	}
}

func TestSVGEscapes(t *testing.T) {
	fonts, _ := LoadFonts()
	m := fonts.faces(1)
	defer m.close()
	evil := &knowledge.Fact{ID: "x", Date: "2020", Topics: []string{"oewg"}, TitleEN: `<script>alert(1)</script> & "q"`}
	l, _ := Build([]*knowledge.Fact{evil}, Request{}, m, testWords(knowledge.EN))
	s := SVG(l, SVGOptions{Link: func(id string) string { return "/fact/" + id + `"onload="x` }})
	if strings.Contains(s, "<script>") || strings.Contains(s, `"onload`) {
		t.Errorf("unescaped text in SVG: %s", s)
	}
	if !strings.Contains(s, "&lt;script&gt;") {
		t.Error("title missing from the SVG")
	}
}

func TestEventLabel(t *testing.T) {
	for _, tc := range []struct {
		f    knowledge.Fact
		lang knowledge.Lang
		want string
	}{
		{knowledge.Fact{Date: "2015-07-22", Symbols: []string{"A/70/174", "A/RES/70/237"}, TitleEN: "x"}, knowledge.EN, "2015 · A/70/174"},
		{knowledge.Fact{Date: "2017", TitleEN: "Short title"}, knowledge.EN, "2017 · Short title"},
		{knowledge.Fact{Date: "2017", TitleID: "Judul yang sangat panjang sekali untuk sebuah label"}, knowledge.ID, "2017 · Judul yang sangat panjang…"},
	} {
		if got := EventLabel(&tc.f, tc.lang); got != tc.want {
			t.Errorf("EventLabel = %q, want %q", got, tc.want)
		}
	}
}
