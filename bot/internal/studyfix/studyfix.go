// Package studyfix is the study features' test fixture, shared by the tests of bot
// and of its sub-packages (daily, followup, study), with a scripted matcher (Script).
// Only tests import it.
package studyfix

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Fact is one fixture fact; the statements are taken from the shipped fact base.
type Fact struct {
	ID, Kind, Date string
	Timeline       bool
	Topics         []string
	Symbols        []string
	Aliases        []string
	Chair, Body    string
	Title, Answer  string // English; the Indonesian wording is derived for the fixture
}

// Facts are the study fixture: a dozen facts of the shipped base, enough for quizzes,
// follow-ups and daily facts. Tests copy it before adding to it.
var Facts = []Fact{
	{ID: "ares-53-70", Kind: "document", Date: "1998-12-04", Timeline: true, Topics: []string{"origins", "resolutions"}, Symbols: []string{"A/RES/53/70"},
		Title: "A/RES/53/70: Russia's first resolution on ICTs", Answer: "On 4 December 1998 the General Assembly adopted A/RES/53/70, tabled by Russia, without a vote."},
	{ID: "gge-2015-report", Kind: "document", Date: "2015-07-22", Timeline: true, Topics: []string{"gge", "norms"}, Symbols: []string{"A/70/174"}, Body: "GGE 2014–2015",
		Aliases: []string{"2015 GGE report", "A/70/174"},
		Title:   "2015 GGE consensus report (A/70/174)", Answer: "The 2015 GGE report A/70/174 of 22 July 2015 set out 11 voluntary norms of responsible state behaviour."},
	{ID: "ares-70-237", Kind: "document", Date: "2015-12-23", Timeline: true, Topics: []string{"resolutions"}, Symbols: []string{"A/RES/70/237"},
		Title: "A/RES/70/237: states to be guided by the 2015 report", Answer: "On 23 December 2015 resolution A/RES/70/237 called on states to be guided by the 2015 GGE report."},
	{ID: "ares-73-27", Kind: "document", Date: "2018-12-05", Timeline: true, Topics: []string{"resolutions", "oewg"}, Symbols: []string{"A/RES/73/27"},
		Title: "A/RES/73/27: Russian-sponsored text creates the OEWG", Answer: "On 5 December 2018 resolution A/RES/73/27 created the first OEWG by a vote of 119 to 46 with 14 abstentions."},
	{ID: "ares-73-266", Kind: "document", Date: "2018-12-22", Timeline: true, Topics: []string{"resolutions", "gge"}, Symbols: []string{"A/RES/73/266"},
		Title: "A/RES/73/266: US-drafted text creates the sixth GGE", Answer: "On 22 December 2018 resolution A/RES/73/266, drafted by the United States, created the sixth GGE."},
	{ID: "oewg-2019-2021", Kind: "body", Topics: []string{"oewg"}, Chair: "Jürg Lauber (Switzerland)", Body: "OEWG 2019–2021",
		Aliases: []string{"OEWG 2019-2021", "first OEWG"},
		Title:   "The first OEWG (2019–2021)", Answer: "The first Open-ended Working Group was open to all UN member states and chaired by Jürg Lauber of Switzerland."},
	{ID: "oewg-2021-2025", Kind: "body", Topics: []string{"oewg"}, Chair: "Burhan Gafoor (Singapore)", Body: "OEWG 2021–2025",
		Aliases: []string{"OEWG 2021-2025", "second OEWG"},
		Title:   "The second OEWG (2021–2025)", Answer: "The second OEWG was chaired by Burhan Gafoor of Singapore."},
	{ID: "gge-2016-2017", Kind: "body", Topics: []string{"gge"}, Chair: "Karsten Geier (Germany)", Body: "GGE 2016–2017",
		Title: "The fifth GGE", Answer: "The fifth GGE was chaired by Karsten Geier of Germany and ended without a consensus report."},
	{ID: "gge-2012-2013", Kind: "body", Topics: []string{"gge"}, Chair: "Deborah Stokes (Australia)", Body: "GGE 2012–2013",
		Title: "The third GGE", Answer: "The third GGE was chaired by Deborah Stokes of Australia."},
	{ID: "gge-2021-report", Kind: "document", Date: "2021-05-28", Timeline: true, Topics: []string{"gge"}, Symbols: []string{"A/76/135"}, Body: "GGE 2019–2021",
		Aliases: []string{"2021 GGE report", "A/76/135"},
		Title:   "2021 GGE consensus report (A/76/135) adopted", Answer: "On 28 May 2021 the sixth GGE adopted its consensus report, issued as A/76/135."},
	{ID: "gge-2017-failure", Kind: "event", Date: "2017-06-23", Timeline: true, Topics: []string{"gge"}, Body: "GGE 2016–2017",
		Title: "GGE collapses without consensus (23 June 2017)", Answer: "On 23 June 2017 the fifth GGE ended without agreeing a report."},
	{ID: "sovereignty", Kind: "concept", Topics: []string{"law"},
		Title: "Sovereignty in cyberspace", Answer: "States agree that state sovereignty applies to ICT activities; how it applies is debated."},
}

func tomlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// TOML writes facts as a fact file.
func TOML(facts []Fact) string {
	var b strings.Builder
	for _, f := range facts {
		fmt.Fprintf(&b, "[[fact]]\nid = %q\nkind = %q\ntopics = %s\ntimeline = %v\n", f.ID, f.Kind, tomlList(f.Topics), f.Timeline)
		if f.Date != "" {
			fmt.Fprintf(&b, "date = %q\n", f.Date)
		}
		if len(f.Symbols) > 0 {
			fmt.Fprintf(&b, "symbols = %s\n", tomlList(f.Symbols))
		}
		if len(f.Aliases) > 0 {
			fmt.Fprintf(&b, "aliases = %s\n", tomlList(f.Aliases))
		}
		if f.Chair != "" {
			fmt.Fprintf(&b, "chair = %q\n", f.Chair)
		}
		if f.Body != "" {
			fmt.Fprintf(&b, "body = %q\n", f.Body)
		}
		fmt.Fprintf(&b, "title_en = %q\ntitle_id = %q\nanswer_en = %q\nanswer_id = %q\n", f.Title, f.Title+" (id)", f.Answer, f.Answer+" (id)")
		qs := []string{"q1 " + f.ID, "q2 " + f.ID, "q3 " + f.ID}
		fmt.Fprintf(&b, "questions_en = %s\nquestions_id = %s\n", tomlList(qs), tomlList(qs))
		for _, s := range f.Symbols {
			fmt.Fprintf(&b, "[[fact.sources]]\ntitle = %q\nurl = %q\nsymbol = %q\n", "Document "+s, knowledge.UNDocURL(s), s)
		}
		fmt.Fprintf(&b, "[[fact.sources]]\ntitle = %q\nurl = %q\n\n", "Tracker: "+f.ID, "https://example.org/"+f.ID)
	}
	return b.String()
}

// Base loads facts (Facts when none are given) as a fact base, or fails the test.
func Base(t testing.TB, facts ...Fact) *knowledge.Base {
	t.Helper()
	if len(facts) == 0 {
		facts = Facts
	}
	base, err := knowledge.Load(fstest.MapFS{"study.toml": {Data: []byte(TOML(facts))}})
	if err != nil {
		t.Fatalf("study fixture: %v", err)
	}
	return base
}
