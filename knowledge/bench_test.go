package knowledge

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// benchQuestions mixes what the bot meets: English, Indonesian, colloquial, typos,
// symbols and off-topic chatter.
var benchQuestions = []string{
	"who chaired the first oewg",
	"siapa ketua OEWG pertama?",
	"kpn laporan gge 2015 diadopsi",
	"what is A/RES/73/27",
	"what is the budapest convetion",          // typo
	"konvensi kejahatn siber pbb itu apa sih", // typo + colloquial
	"norma f isinya apa",
	"what's the weather in jakarta today",
	"resep nasi goreng dong",
	"does international law apply in cyberspace",
}

func BenchmarkMatch(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(base)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Match(benchQuestions[i%len(benchQuestions)], EN)
	}
}

func BenchmarkMatchParallel(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(base)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			m.Match(benchQuestions[i%len(benchQuestions)], EN)
			i++
		}
	})
}

func BenchmarkComplete(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(base)
	partials := []string{"oew", "budapset", "A/RES/73", "konvensi kejah", "tallin"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		m.Complete(partials[i%len(partials)], EN, 10)
	}
}

func BenchmarkLoadAndIndex(b *testing.B) {
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		base, err := Embedded()
		if err != nil {
			b.Fatal(err)
		}
		NewMatcher(base)
	}
}

// BenchmarkIndex is NewMatcher alone, without reading the TOML files.
func BenchmarkIndex(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		NewMatcher(base)
	}
}

// BenchmarkMatchByKind times the matcher per kind of question, on the blind training
// splits (questions written the way students ask, testdata/blind/train*.tsv): one
// sub-benchmark per kind, each cycling through that kind's rows.
func BenchmarkMatchByKind(b *testing.B) {
	base, err := Embedded()
	if err != nil {
		b.Fatal(err)
	}
	m := NewMatcher(base)
	byKind := map[string][]LabelledQuestion{}
	files, err := filepath.Glob("testdata/blind/train*.tsv")
	if err != nil || len(files) == 0 {
		b.Fatalf("no training splits: %v", err)
	}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := ParseLabelled(f, name)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows {
			byKind[r.Kind] = append(byKind[r.Kind], r)
		}
	}
	kinds := slices.Sorted(maps.Keys(byKind))
	for _, kind := range kinds {
		rows := byKind[kind]
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r := rows[i%len(rows)]
				hint := EN
				if r.Lang == "id" {
					hint = ID
				}
				m.Match(r.Question, hint)
			}
		})
	}
}
