package chart

import (
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Chart figures on the full embedded timeline (README "Web companion and charts").
//
//	go test ./bot/chart -run '^$' -bench . -benchmem
func BenchmarkChart(b *testing.B) {
	base, err := knowledge.Embedded()
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		req  Request
	}{
		{"all", Request{Lang: knowledge.EN}},
		{"2013-2021", Request{Lang: knowledge.ID, Filter: knowledge.TimelineFilter{From: 2013, To: 2021}}},
	} {
		b.Run("png-cold/"+bc.name, func(b *testing.B) {
			r, err := NewRenderer(-1, testWords) // no cache: every call lays out, draws and encodes
			if err != nil {
				b.Fatal(err)
			}
			var size int
			for b.Loop() {
				c, err := r.PNG(base, bc.req)
				if err != nil {
					b.Fatal(err)
				}
				size = len(c.PNG)
			}
			b.ReportMetric(float64(size), "png-bytes")
		})
		b.Run("png-cached/"+bc.name, func(b *testing.B) {
			r, err := NewRenderer(0, testWords)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := r.PNG(base, bc.req); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := r.PNG(base, bc.req); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("svg-cold/"+bc.name, func(b *testing.B) {
			r, err := NewRenderer(-1, testWords)
			if err != nil {
				b.Fatal(err)
			}
			var size int
			for b.Loop() {
				c, err := r.SVG(base, bc.req, SVGOptions{Link: func(id string) string { return "/fact/" + id }})
				if err != nil {
					b.Fatal(err)
				}
				size = len(c.SVG)
			}
			b.ReportMetric(float64(size), "svg-bytes")
		})
	}
}
