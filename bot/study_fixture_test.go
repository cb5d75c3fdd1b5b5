package bot

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// studyFact is one fixture fact; the statements are taken from the shipped fact base.
type studyFact struct {
	id, kind, date string
	timeline       bool
	topics         []string
	symbols        []string
	aliases        []string
	chair, body    string
	title, answer  string // English; the Indonesian wording is derived for the fixture
}

var studyFacts = []studyFact{
	{id: "ares-53-70", kind: "document", date: "1998-12-04", timeline: true, topics: []string{"origins", "resolutions"}, symbols: []string{"A/RES/53/70"},
		title: "A/RES/53/70: Russia's first resolution on ICTs", answer: "On 4 December 1998 the General Assembly adopted A/RES/53/70, tabled by Russia, without a vote."},
	{id: "gge-2015-report", kind: "document", date: "2015-07-22", timeline: true, topics: []string{"gge", "norms"}, symbols: []string{"A/70/174"}, body: "GGE 2014–2015",
		aliases: []string{"2015 GGE report", "A/70/174"},
		title:   "2015 GGE consensus report (A/70/174)", answer: "The 2015 GGE report A/70/174 of 22 July 2015 set out 11 voluntary norms of responsible state behaviour."},
	{id: "ares-70-237", kind: "document", date: "2015-12-23", timeline: true, topics: []string{"resolutions"}, symbols: []string{"A/RES/70/237"},
		title: "A/RES/70/237: states to be guided by the 2015 report", answer: "On 23 December 2015 resolution A/RES/70/237 called on states to be guided by the 2015 GGE report."},
	{id: "ares-73-27", kind: "document", date: "2018-12-05", timeline: true, topics: []string{"resolutions", "oewg"}, symbols: []string{"A/RES/73/27"},
		title: "A/RES/73/27: Russian-sponsored text creates the OEWG", answer: "On 5 December 2018 resolution A/RES/73/27 created the first OEWG by a vote of 119 to 46 with 14 abstentions."},
	{id: "ares-73-266", kind: "document", date: "2018-12-22", timeline: true, topics: []string{"resolutions", "gge"}, symbols: []string{"A/RES/73/266"},
		title: "A/RES/73/266: US-drafted text creates the sixth GGE", answer: "On 22 December 2018 resolution A/RES/73/266, drafted by the United States, created the sixth GGE."},
	{id: "oewg-2019-2021", kind: "body", topics: []string{"oewg"}, chair: "Jürg Lauber (Switzerland)", body: "OEWG 2019–2021",
		aliases: []string{"OEWG 2019-2021", "first OEWG"},
		title:   "The first OEWG (2019–2021)", answer: "The first Open-ended Working Group was open to all UN member states and chaired by Jürg Lauber of Switzerland."},
	{id: "oewg-2021-2025", kind: "body", topics: []string{"oewg"}, chair: "Burhan Gafoor (Singapore)", body: "OEWG 2021–2025",
		aliases: []string{"OEWG 2021-2025", "second OEWG"},
		title:   "The second OEWG (2021–2025)", answer: "The second OEWG was chaired by Burhan Gafoor of Singapore."},
	{id: "gge-2016-2017", kind: "body", topics: []string{"gge"}, chair: "Karsten Geier (Germany)", body: "GGE 2016–2017",
		title: "The fifth GGE", answer: "The fifth GGE was chaired by Karsten Geier of Germany and ended without a consensus report."},
	{id: "gge-2012-2013", kind: "body", topics: []string{"gge"}, chair: "Deborah Stokes (Australia)", body: "GGE 2012–2013",
		title: "The third GGE", answer: "The third GGE was chaired by Deborah Stokes of Australia."},
	{id: "gge-2021-report", kind: "document", date: "2021-05-28", timeline: true, topics: []string{"gge"}, symbols: []string{"A/76/135"}, body: "GGE 2019–2021",
		aliases: []string{"2021 GGE report", "A/76/135"},
		title:   "2021 GGE consensus report (A/76/135) adopted", answer: "On 28 May 2021 the sixth GGE adopted its consensus report, issued as A/76/135."},
	{id: "gge-2017-failure", kind: "event", date: "2017-06-23", timeline: true, topics: []string{"gge"}, body: "GGE 2016–2017",
		title: "GGE collapses without consensus (23 June 2017)", answer: "On 23 June 2017 the fifth GGE ended without agreeing a report."},
	{id: "sovereignty", kind: "concept", topics: []string{"law"},
		title: "Sovereignty in cyberspace", answer: "States agree that state sovereignty applies to ICT activities; how it applies is debated."},
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func studyFixtureTOML() string { return fixtureTOML(studyFacts) }

func fixtureTOML(facts []studyFact) string {
	var b strings.Builder
	for _, f := range facts {
		fmt.Fprintf(&b, "[[fact]]\nid = %q\nkind = %q\ntopics = %s\ntimeline = %v\n", f.id, f.kind, tomlList(f.topics), f.timeline)
		if f.date != "" {
			fmt.Fprintf(&b, "date = %q\n", f.date)
		}
		if len(f.symbols) > 0 {
			fmt.Fprintf(&b, "symbols = %s\n", tomlList(f.symbols))
		}
		if len(f.aliases) > 0 {
			fmt.Fprintf(&b, "aliases = %s\n", tomlList(f.aliases))
		}
		if f.chair != "" {
			fmt.Fprintf(&b, "chair = %q\n", f.chair)
		}
		if f.body != "" {
			fmt.Fprintf(&b, "body = %q\n", f.body)
		}
		fmt.Fprintf(&b, "title_en = %q\ntitle_id = %q\nanswer_en = %q\nanswer_id = %q\n", f.title, f.title+" (id)", f.answer, f.answer+" (id)")
		qs := []string{"q1 " + f.id, "q2 " + f.id, "q3 " + f.id}
		fmt.Fprintf(&b, "questions_en = %s\nquestions_id = %s\n", tomlList(qs), tomlList(qs))
		for _, s := range f.symbols {
			fmt.Fprintf(&b, "[[fact.sources]]\ntitle = %q\nurl = %q\nsymbol = %q\n", "Document "+s, knowledge.UNDocURL(s), s)
		}
		fmt.Fprintf(&b, "[[fact.sources]]\ntitle = %q\nurl = %q\n\n", "Tracker: "+f.id, "https://example.org/"+f.id)
	}
	return b.String()
}

func studyBase(t testing.TB) *knowledge.Base {
	t.Helper()
	base, err := knowledge.Load(fstest.MapFS{"study.toml": {Data: []byte(studyFixtureTOML())}})
	if err != nil {
		t.Fatalf("study fixture: %v", err)
	}
	return base
}

// studyScript is what the scripted matcher answers in the study tests; follow-ups are
// checked by the rewritten question they produce.
var studyScript = map[string]scripted{
	"what was the first oewg?":          {lang: knowledge.EN, answer: "oewg-2019-2021"},
	"apa itu oewg pertama?":             {lang: knowledge.ID, answer: "oewg-2019-2021"},
	"who chaired oewg 2019–2021?":       {lang: knowledge.EN, answer: "oewg-2019-2021"},
	"siapa ketua oewg 2019–2021?":       {lang: knowledge.ID, answer: "oewg-2019-2021"},
	"what did the 2015 gge report say?": {lang: knowledge.EN, answer: "gge-2015-report"},
	"gge consensus report 2021":         {lang: knowledge.EN, answer: "gge-2021-report"},
	"what did the gge say?":             {lang: knowledge.EN, suggest: []string{"gge-2015-report", "gge-2021-report"}},
	"who won the world cup?":            {lang: knowledge.EN},
}

// fakeClock is a settable clock for the study features.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newStudyBot builds a bot over the study fixture with a fake clock and a fixed quiz
// seed; store nil means in memory.
func newStudyBot(t testing.TB, store Store) (*Bot, *fakeClock) {
	t.Helper()
	base := studyBase(t)
	b := newBot(base, scriptMatcher{base: base, script: studyScript}, Options{Store: store})
	clock := &fakeClock{now: time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)}
	b.now = clock.Now
	b.study.rng = rand.New(rand.NewPCG(1, 2))
	return b, clock
}

func groupMsg(chat, user, text string) *Message {
	return &Message{Platform: "test", ChatID: chat, ChatKind: Group, UserID: user, UserName: "name-" + user, Text: text, Addressed: true}
}

func privateMsg(chat, text string) *Message {
	return &Message{Platform: "test", ChatID: chat, ChatKind: Private, UserID: "u-" + chat, UserName: "Ayu", Text: text, Addressed: true, IsAdmin: true}
}

func send(t *testing.T, b *Bot, m *Message) *Reply {
	t.Helper()
	return b.Handle(context.Background(), m)
}
