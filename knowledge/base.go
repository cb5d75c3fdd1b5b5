package knowledge

import (
	"slices"
	"sort"
	"strings"
)

// Base is a loaded, validated, read-only fact base. It is safe for concurrent use.
type Base struct {
	facts []*Fact // sorted by id
	byID  map[string]*Fact
	// timeline holds the timeline facts in date order (then id).
	timeline []*Fact
	// chatForms are the fact packs' chat forms (vocab.toml), read beside the builtin
	// vocabulary when questions are analysed.
	chatForms map[string]string
}

func newBase(facts []*Fact) *Base {
	b := &Base{byID: make(map[string]*Fact, len(facts))}
	b.facts = append(b.facts, facts...)
	sort.Slice(b.facts, func(i, j int) bool { return b.facts[i].ID < b.facts[j].ID })
	for _, f := range b.facts {
		b.byID[f.ID] = f
		if f.Timeline {
			b.timeline = append(b.timeline, f)
		}
	}
	sort.SliceStable(b.timeline, func(i, j int) bool {
		if b.timeline[i].Date != b.timeline[j].Date {
			return dateKey(b.timeline[i].Date) < dateKey(b.timeline[j].Date)
		}
		return b.timeline[i].ID < b.timeline[j].ID
	})
	return b
}

// dateKey pads partial dates so that "2015" sorts before "2015-07-22" and after "2014-12-31".
func dateKey(d string) string {
	switch len(d) {
	case 4:
		return d + "-00-00"
	case 7:
		return d + "-00"
	}
	return d
}

// Len is the number of facts.
func (b *Base) Len() int { return len(b.facts) }

// Facts returns all facts sorted by id. The slice must not be modified.
func (b *Base) Facts() []*Fact { return b.facts }

// Get returns the fact with the given id (case-insensitive).
func (b *Base) Get(id string) (*Fact, bool) {
	f, ok := b.byID[strings.ToLower(strings.TrimSpace(id))]
	return f, ok
}

// TimelineFilter narrows /timeline. Zero values mean "no limit".
type TimelineFilter struct {
	From, To int    // inclusive years
	Topic    string // topic key
}

// Timeline returns the timeline events matching the filter, in date order.
func (b *Base) Timeline(f TimelineFilter) []*Fact {
	var out []*Fact
	for _, fact := range b.timeline {
		y := fact.Year()
		if f.From != 0 && y < f.From {
			continue
		}
		if f.To != 0 && y > f.To {
			continue
		}
		if f.Topic != "" && !fact.HasTopic(f.Topic) {
			continue
		}
		out = append(out, fact)
	}
	return out
}

// TopicCounts returns how many facts each topic has, in display order, skipping empty topics.
func (b *Base) TopicCounts() []TopicCount {
	counts := map[string]int{}
	for _, f := range b.facts {
		for _, t := range f.Topics {
			counts[t]++
		}
	}
	var out []TopicCount
	for _, t := range topics {
		if counts[t.Key] > 0 {
			out = append(out, TopicCount{Topic: t, Facts: counts[t.Key]})
		}
	}
	return out
}

// TopicCount pairs a topic with its number of facts.
type TopicCount struct {
	Topic Topic
	Facts int
}

// Subject is what a conversation whose last answer is f is about: the body f hangs
// on, read from its structured fields, or f itself. A person's subject is the body
// they chaired or headed (its fact of kind body), a document's the body whose
// founding symbol it holds (A/RES/73/27 created the first OEWG) or the body it
// belongs to (a GGE's report). "anggotanya brp?" after the resolution that created
// the first OEWG asks about the OEWG, "kapan dibentuk?" after its chair too.
func (b *Base) Subject(f *Fact) *Fact {
	if f.Kind != KindPerson && f.Kind != KindDocument {
		return f
	}
	if f.Kind == KindDocument && len(f.Symbols) > 0 {
		for _, g := range b.Facts() {
			if g.Kind == KindBody && len(g.Symbols) > 0 && g.Symbols[0] == f.Symbols[0] && slices.Contains(g.Related, f.ID) {
				return g
			}
		}
	}
	if f.Body == "" && f.Kind == KindPerson {
		// A person's fact may not name the body they chaired; the bodies it is
		// related to do, the first being theirs (Karsten Geier: the GGE 2016–2017).
		for _, id := range f.Related {
			if g, ok := b.Get(id); ok && g.Kind == KindBody {
				return g
			}
		}
	}
	if f.Body == "" {
		return f
	}
	for _, g := range b.Facts() {
		if g != f && g.Kind == KindBody && g.Body == f.Body && (slices.Contains(f.Related, g.ID) || slices.Contains(g.Related, f.ID)) {
			return g
		}
	}
	return f
}
