package studyfix

import (
	"strings"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// Verdict is the matcher's verdict on one test question.
type Verdict struct {
	Lang    knowledge.Lang
	Answer  string   // fact id when answered
	Suggest []string // fact ids offered when not answered
}

// Script is a matcher (bot.QuestionMatcher, bot.Options.Matcher) that answers the test
// questions it knows and finds everything else off-topic, so that tests check the
// bot's conversation rules and reply composition, not retrieval quality (the knowledge
// package measures that).
type Script struct {
	Base     *knowledge.Base
	Verdicts map[string]Verdict // by lowercased question
}

// StudyScript is what the scripted matcher answers in the study tests; follow-ups are
// checked by the rewritten question they produce.
var StudyScript = map[string]Verdict{
	"what was the first oewg?":          {Lang: knowledge.EN, Answer: "oewg-2019-2021"},
	"apa itu oewg pertama?":             {Lang: knowledge.ID, Answer: "oewg-2019-2021"},
	"who chaired oewg 2019–2021?":       {Lang: knowledge.EN, Answer: "oewg-2019-2021"},
	"siapa ketua oewg 2019–2021?":       {Lang: knowledge.ID, Answer: "oewg-2019-2021"},
	"what did the 2015 gge report say?": {Lang: knowledge.EN, Answer: "gge-2015-report"},
	"gge consensus report 2021":         {Lang: knowledge.EN, Answer: "gge-2021-report"},
	"what did the gge say?":             {Lang: knowledge.EN, Suggest: []string{"gge-2015-report", "gge-2021-report"}},
	"who won the world cup?":            {Lang: knowledge.EN},
}

// Match implements the matcher.
func (s Script) Match(q string, hint knowledge.Lang) knowledge.Result {
	v, ok := s.Verdicts[strings.ToLower(q)]
	if !ok {
		return knowledge.Result{Lang: hint, OffTopic: true}
	}
	lang := v.Lang
	if lang == "" {
		lang = hint
	}
	res := knowledge.Result{Lang: lang}
	if f, ok := s.Base.Get(v.Answer); ok {
		res.Answered, res.Best = true, knowledge.Scored{Fact: f, Score: 9}
		res.Candidates = []knowledge.Scored{res.Best}
	}
	for _, id := range v.Suggest {
		f, _ := s.Base.Get(id)
		res.Suggestions = append(res.Suggestions, f)
		res.Candidates = append(res.Candidates, knowledge.Scored{Fact: f, Score: 1})
	}
	return res
}

// MatchQuestion implements the matcher.
func (s Script) MatchQuestion(q *knowledge.Question, hint knowledge.Lang) knowledge.Result {
	return s.Match(q.Text(), hint)
}

// Complete implements the matcher: titles containing partial.
func (s Script) Complete(partial string, lang knowledge.Lang, limit int) []*knowledge.Fact {
	var out []*knowledge.Fact
	for _, f := range s.Base.Facts() {
		if len(out) < limit && strings.Contains(strings.ToLower(f.Title(lang)), strings.ToLower(partial)) {
			out = append(out, f)
		}
	}
	return out
}
