package knowledge

import (
	"strings"
	"testing"
)

// "When did X start" is answered by the fact that dates when X began its work
// (its first session, the day it went live), not by the day X was created or by
// a later session; "when did X end" by the fact that dates its conclusion. The
// thing may be named outright, by a chat form, or by what it replaced.
func TestLifespanAnswers(t *testing.T) {
	m := embeddedMatcher(t)
	checkAnswers(t, m, []answerCase{
		{q: "when did the first OEWG start its work?", want: "oewg-2019-2021-organizational-session"},
		{q: "kapan mekanisme global mulai bekerja?", want: "global-mechanism-sessions-2026", lang: ID},
		{q: "global mechanism udh mulai blm", want: "global-mechanism-sessions-2026", lang: ID},
		{q: "kapan komite ad hoc kejahatan siber mulai bersidang?", want: "cybercrime-ahc-organizational-session", lang: ID},
		{q: "direktori PoC udah jalan dari kapan?", want: "poc-directory-launch", lang: ID},
		{q: "when did the fifth GGE begin?", want: "gge-2016-2017"},
		{q: "kapan OEWG kedua berakhir?", want: "oewg-2021-2025-final-report", lang: ID},
		{q: "when did the sixth GGE finish its work?", want: "gge-2021-report"},
		{q: "the permanent body that replaced the OEWG, when did it start work?", want: "global-mechanism-sessions-2026"},
	})
}

// The reading stays out of questions that ask something else of the thing: a
// named session, a meeting with someone, its name, or a claim to check.
func TestLifespanLeavesOtherQuestions(t *testing.T) {
	m := embeddedMatcher(t)
	for _, c := range []struct{ q, not string }{
		{"when did the first OEWG hold its first substantive session?", "oewg-2019-2021-organizational-session"},
		{"kapan OEWG pertama mulai rapat dengan LSM dan industri?", "oewg-2019-2021-organizational-session"},
		{"badan tetap pengganti OEWG yang mulai bekerja 2026 itu namanya apa?", "global-mechanism-sessions-2026"},
		{"sidang terakhir GGE keenam tanggal berapa?", "gge-2021-report"},
		{"what did the first OEWG conclude?", "oewg-2019-2021-report"},
	} {
		q := m.Parse(c.q)
		res := m.Match(c.q, EN)
		if f, ok := m.lifespanAnswer(res.Candidates, q); ok && f.ID == c.not {
			t.Errorf("%q: read as a lifespan question, answered from %s", c.q, f.ID)
		}
	}
	if _, ok := m.lifespanAnswer(m.Match("OEWG pertama", ID).Candidates, m.Parse("OEWG pertama mulai bersidang Juni 2019 kan?")); ok {
		t.Error("a claim about when the first OEWG started was read as a lifespan question")
	}
}

func TestLifespanAngle(t *testing.T) {
	for _, c := range []struct {
		q    string
		want int
	}{
		{"kapan OEWG mulai bersidang", 1},
		{"PoC directory diluncurin kapan", 1},
		{"when did the GGE first meet", 1},
		{"AHC kelar kapan", -1},
		{"sesi terakhir OEWG kapan", -1},
		{"kapan OEWG mulai dan berakhir", 0},
		{"kapan OEWG dibentuk", 0},
	} {
		if got := lifespanAngle(tokenize(normalize(c.q))); got != c.want {
			t.Errorf("%q: angle %d, want %d", c.q, got, c.want)
		}
	}
}

func TestParseLifespan(t *testing.T) {
	for _, c := range []struct {
		name, data, err string
	}{
		{"ok", "start = [\"mulai\"]\nend = [\"selesai\"]\nneutral = [\"kerja\"]\n", ""},
		{"no end words", "start = [\"mulai\"]\nneutral = [\"kerja\"]\n", "end: no words"},
		{"upper case", "start = [\"Mulai\"]\nend = [\"selesai\"]\nneutral = [\"kerja\"]\n", "lower-case"},
		{"chat spelling", "start = [\"udh jalan\"]\nend = [\"selesai\"]\nneutral = [\"kerja\"]\n", "chat spelling"},
		{"both angles", "start = [\"mulai\", \"selesai\"]\nend = [\"selesai\"]\nneutral = [\"kerja\"]\n", "both a start and an end"},
		{"unknown key", "start = [\"mulai\"]\nend = [\"selesai\"]\nneutral = [\"kerja\"]\ncolour = 1\n", "unknown keys"},
	} {
		_, err := parseLifespan([]byte(c.data))
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("%s: err %v, want %q", c.name, err, c.err)
		}
	}
}

// A began or ended link must name a dated fact, not dated before the thing, and
// a thing cannot end before it began; a link to the thing itself is allowed.
func TestLifespanFields(t *testing.T) {
	fact := func(id, date, began, ended string) *Fact {
		return &Fact{ID: id, Kind: KindBody, Date: date, Topics: []string{"gge"}, Began: began, Ended: ended}
	}
	for _, c := range []struct {
		name  string
		facts []*Fact
		field string // "" = no lifespan problem
	}{
		{"self link", []*Fact{fact("body", "2019", "body", "body")}, ""},
		{"linked session", []*Fact{fact("body", "2018-12", "session", ""), fact("session", "2019-06-03", "", "")}, ""},
		{"unknown id", []*Fact{fact("body", "2018", "nowhere", "")}, "began"},
		{"undated link", []*Fact{fact("body", "2018", "", "report"), fact("report", "", "", "")}, "ended"},
		{"link before the thing", []*Fact{fact("body", "2019-06", "old", ""), fact("old", "2018", "", "")}, "began"},
		{"ends before it began", []*Fact{fact("body", "2018", "late", "early"), fact("late", "2021", "", ""), fact("early", "2019", "", "")}, "ended"},
	} {
		var got []string
		for _, p := range validate(c.facts) {
			if p.Field == "began" || p.Field == "ended" {
				got = append(got, p.Field+": "+p.Msg)
			}
		}
		switch {
		case c.field == "" && len(got) > 0:
			t.Errorf("%s: unexpected problems %v", c.name, got)
		case c.field != "" && (len(got) == 0 || !strings.HasPrefix(got[0], c.field)):
			t.Errorf("%s: problems %v, want one on %s", c.name, got, c.field)
		}
	}
	// Every link in the embedded base dates what it answers.
	base := embeddedMatcher(t).base
	n := 0
	for _, f := range base.Facts() {
		for _, id := range []string{f.Began, f.Ended} {
			if id == "" {
				continue
			}
			n++
			if g, ok := base.Get(id); !ok || g.Date == "" {
				t.Errorf("%s: link %q is not a dated fact", f.ID, id)
			}
		}
	}
	if n == 0 {
		t.Error("no fact carries a began or ended link")
	}
}
