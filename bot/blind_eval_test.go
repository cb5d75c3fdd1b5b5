package bot

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// The blind sets (knowledge/testdata/blind) were written without looking at the
// matcher or the facts' phrasings, in the style of students in group chats, and
// labelled afterwards: train.tsv is what decisions are fitted on, heldout.tsv is only
// reported. They run through the whole brain (Bot.Ask), since small talk, opinions
// and nonexistent things are decided before the matcher.

func readBlind(t testing.TB, name string) []knowledge.LabelledQuestion {
	t.Helper()
	f, err := os.Open("../knowledge/testdata/blind/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := knowledge.ParseLabelled(f, name)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// blindScore counts right answers per group ("kind:x", "lang:y", "all").
type blindScore map[string][2]int

func (s blindScore) add(ok bool, keys ...string) {
	for _, k := range keys {
		v := s[k]
		v[1]++
		if ok {
			v[0]++
		}
		s[k] = v
	}
}

func (s blindScore) String() string {
	keys := make([]string, 0, len(s))
	for k := range s {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		v := s[k]
		if strings.HasPrefix(k, "refused:") {
			fmt.Fprintf(&b, "%-22s %4d\n", k, v[1])
			continue
		}
		fmt.Fprintf(&b, "%-22s %4d/%-4d %5.1f%%\n", k, v[0], v[1], 100*float64(v[0])/float64(v[1]))
	}
	return b.String()
}

func (s blindScore) rate(k string) float64 {
	v := s[k]
	if v[1] == 0 {
		return 1
	}
	return float64(v[0]) / float64(v[1])
}

// evalBlind asks every row in a fresh state and scores it: an on-topic row is right
// when the answer (or a composed answer) rests on a labelled fact, a must-refuse row
// when nothing is answered from the facts.
func evalBlind(t testing.TB, b *Bot, rows []knowledge.LabelledQuestion, verbose bool) (blindScore, int) {
	sc := blindScore{}
	wrong := 0
	for _, r := range rows {
		ans := b.Ask(context.Background(), r.Question, "")
		answered := ans.Answered() && (ans.Reply.Outcome.Act == ActQuestion || ans.Reply.Outcome.Act == ActFollowUp)
		ok := !answered
		if r.Want != nil {
			ok = false
			for _, id := range ans.Reply.Outcome.FactIDs {
				ok = ok || answered && r.Answers(id)
			}
		}
		if answered && !ok {
			wrong++
		}
		if answered && len(ans.Reply.Sources) == 0 {
			t.Errorf("answered without a source: %q", r.Question)
		}
		if answered && ans.Result.Likely && ans.Reply.Outcome.Act == ActQuestion {
			// Answers given as the likely reading (the first lines name the
			// reading and a neighbour): how many of them were wrong.
			sc.add(ok, "hedged")
			if !ok && r.Want != nil {
				// A wrong reading pays off when the neighbour the first lines
				// name is the right fact.
				n := hedgeNeighbour(ans.Result)
				sc.add(n != nil && r.Answers(n.ID), "hedged-wrong:neighbour-right")
			}
		}
		if r.Want != nil && !answered {
			sc.add(false, refusalBucket(ans.Result.Suggestions, r.Answers))
		}
		if verbose && !ok {
			var cands []string
			for _, c := range ans.Result.Candidates {
				cands = append(cands, fmt.Sprintf("%s:%.2f", c.Fact.ID, c.Score))
			}
			t.Logf("MISS %-14s %-3s want=%v act=%s answered=%v got=%v cands=%v sugg=%v | %s", r.Kind, r.Lang, r.Want,
				ans.Reply.Outcome.Act, answered, ans.Reply.Outcome.FactIDs, cands, ans.Reply.Outcome.Suggested, r.Question)
		}
		side := "must-refuse"
		if r.Want != nil {
			side = "on-topic"
		}
		sc.add(ok, "kind:"+r.Kind, "lang:"+r.Lang, side)
	}
	return sc, wrong
}

// refusalBucket names why an answerable question was refused: the right fact was
// the first suggestion, another suggestion, or not suggested at all. The counts tell
// the decision's share of the misses from retrieval's.
func refusalBucket(sugg []*knowledge.Fact, right func(string) bool) string {
	for i, f := range sugg {
		if right(f.ID) {
			if i == 0 {
				return "refused:first-suggestion-right"
			}
			return "refused:suggested-later"
		}
	}
	return "refused:not-suggested"
}

// onlySplit says whether BLIND_SPLITS (comma-separated split names without
// ".tsv"; empty = all) selects split, so a helper can measure some splits without
// running a reserved one.
func onlySplit(split string) bool {
	v := os.Getenv("BLIND_SPLITS")
	if v == "" {
		return true
	}
	for _, s := range strings.Split(v, ",") {
		if strings.TrimSpace(s)+".tsv" == split {
			return true
		}
	}
	return false
}

// TestBlindSets reports the brain on the blind splits, per kind and language, and
// guards them against regressions.
func TestBlindSets(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	// BLIND_VERBOSE=train lists the misses of the training split only: the held-out
	// split is for reporting, and reading its misses would be tuning on it.
	verbose := os.Getenv("BLIND_VERBOSE")
	// Each split's floor sits a little under its figures when it was added, so a change that costs
	// several right answers or refusals on any split shows here. The comment above a split says
	// how it was written and what it scored when first run (its file's header says more).
	for _, f := range []struct {
		split            string
		onTopic, refused float64
	}{
		// train, train2 and heldout on 4 Dec 2026.
		{"train.tsv", 0.72, 0.95},
		{"train2.tsv", 0.72, 0.95},
		{"heldout.tsv", 0.72, 0.95},
		// train3 and heldout2 on 5 Dec 2026, before anything was fitted on train3.
		{"train3.tsv", 0.79, 0.95},
		{"heldout2.tsv", 0.67, 0.90},
		// train4 and heldout3 later on 5 Dec 2026, likewise.
		{"train4.tsv", 0.68, 0.90},
		{"heldout3.tsv", 0.67, 0.90},
		// train5, weighted to the weak kinds, on 5 Dec 2026 too, 69.7 % when first run.
		{"train5.tsv", 0.66, 0.90},
		// heldout4, likewise held out, 84.0 % on-topic and 100 % refused when first run.
		{"heldout4.tsv", 0.80, 0.95},
		// train6, seed-error claims and recent facts only, 72.6 % when first run.
		{"train6.tsv", 0.70, 0.90},
		// train7, weighted to description questions, 58.3 % and 3 of 4 refusals when first run.
		{"train7.tsv", 0.55, 0.75},
		// train8, weighted to why, list and lead-in questions, 79.6 % when first run.
		{"train8.tsv", 0.75, 0.90},
		// train9, documents, plain facts and chat Indonesian, 89.0 % and 4 of 4 refusals when first run.
		{"train9.tsv", 0.85, 0.75},
		// train10, seed-error claims and comparisons, 79.7 % and 8 of 8 refusals when first run.
		{"train10.tsv", 0.77, 0.85},
		// train11, descriptions, people and documents, 79.5 % and 6 of 6 refusals when first run.
		{"train11.tsv", 0.76, 0.95},
		// train12, regional, Indonesia and recent facts, 93.6 % when first run.
		{"train12.tsv", 0.85, 0},
		// train13, descriptions written before the third description pass, 59.5 % and 7 of 7 refusals when
		// first run.
		{"train13.tsv", 0.56, 0.85},
		// train14, seed-error claims and comparisons, 73.7 % and 8 of 8 refusals when first run.
		{"train14.tsv", 0.70, 0.95},
		// train16, chat Indonesian, typos and follow-up-shaped questions, 86.7 % and 14 of 14 refusals when
		// first run.
		{"train16.tsv", 0.83, 0.92},
		// heldout5, held out, written blind by helper h5, 81.6 % on-topic and 97.6 % refused when first run.
		{"heldout5.tsv", 0.78, 0.92},
		// train17, a body's report asked by the body's name, 30.0 % when first run and 73.3 % after the
		// bodyReport rule.
		{"train17.tsv", 0.60, 0},
		// train15, written by helper cover before the facts it was written for, weighted to missing details,
		// recent facts and people, 58.6 % on-topic and 6 of 7 refused when first run.
		{"train15.tsv", 0.55, 0.80},
		// train18, descriptions by first/last and succession, 50.0 % when first run and 64.7 % after the
		// seriesEnd rule.
		{"train18.tsv", 0.47, 0},
		// heldout6, held out, written blind by helper h6 on 6 Dec 2026, 90.6 % on-topic and 97.6 % refused
		// when first run.
		{"heldout6.tsv", 0.87, 0.95},
		// train23, a norm or a session named by its ordinal, 14.3 % when first run and 77.8 % after the norm-
		// ordinal and part-noun readings.
		{"train23.tsv", 0.62, 0.95},
		// train25, when a thing started or was launched, 56.2 % when first run and 100 % after the lifespan
		// reading.
		{"train25.tsv", 0.90, 0.95},
		// train19, ordinals glued to numbers and follow-up-shaped questions in a fresh chat, 78.8 % and 10 of
		// 11 refusals when first run, 87.9 % and 11 of 11 after the fifth conversation pass.
		{"train19.tsv", 0.75, 0.90},
		// train22, written by helper cover2 before the facts it was written for, weighted to why, recent and
		// plain-fact angles, 88.0 % on-topic and 5 of 6 refused when first run.
		{"train22.tsv", 0.85, 0.80},
		// train20, descriptions by place and successor and a description with an angle, 55.0 % and 4 of 6
		// refusals when first run and 67.5 % and 5 of 6 after the follower rule.
		{"train20.tsv", 0.52, 0.60},
		// train24, a thing named by its proposer or a body by its membership, 59.0 % and 6 of 6 refusals when
		// first run and 74.4 % after the proposer and membership readings.
		{"train24.tsv", 0.55, 0.95},
		// train21, seed-error claims and comparisons in new forms, 65.3 % and 7 of 7 refusals when first run
		// and 79.6 % after the fourth claims-and-comparisons pass.
		{"train21.tsv", 0.76, 0.85},
		// train27, heavily colloquial Indonesian with chatter around the question, 75.0 % and 6 of 6 refusals
		// when first run and 80.6 % after the why-I-ask tail words.
		{"train27.tsv", 0.77, 0.95},
		// train28, plain facts of a named subject from many angles, 95.1 % and 5 of 5 refusals when first run,
		// 97.6 % after namedReport.
		{"train28.tsv", 0.92, 0.95},
		// train26, a described subject asked for an angle one of its satellites holds, 44.4 % and 3 of 3
		// refusals when first run, 61.1 % after the satelliteAngle rule.
		{"train26.tsv", 0.40, 0.95},
		// heldout7, held out, written blind by helper h7 on 6 Dec 2026 over every kind of question at once,
		// 90.4 % on-topic (132 of 146), 97.6 % refused (40 of 41) and 4 wrong answers when first run.
		{"heldout7.tsv", 0.87, 0.95},
		// train29, the same mix with different questions, written blind with heldout7, 86.6 % on-topic (103 of
		// 119), 96.8 % refused (30 of 31) and 4 wrong when first run.
		{"train29.tsv", 0.83, 0.93},
		// train33, plain facts and follow-up-shaped questions in night-time group-chat Indonesian, 87.5 % and
		// 16 of 16 refusals when first run, 93.8 % after the chat-form repairs of the eleventh pass.
		{"train33.tsv", 0.84, 0.95},
		// train30, written by helper start before the lifespan reading, when a thing started, first met, went
		// live or ended, 87.8 % and 6 of 6 refusals when first run and 97.6 % after it.
		{"train30.tsv", 0.85, 0.95},
		// train31, things named by description in new forms, half with an angle, 52.0 % and 6 of 6 refusals
		// when first run, 58.0 % after the satelliteAngle rule and 64.0 % after three describe fields and the
		// body field.
		{"train31.tsv", 0.52, 0.95},
		// train32, claims and comparisons in forms unlike train10/14/21 (statements, tags, "katanya", "cmiiw",
		// two wrong details, swapped bodies), 71.7 % and 9 of 9 refusals when first run and 88.7 % after the
		// eleventh pass.
		{"train32.tsv", 0.80, 0.95},
		// heldout8, held out, and train34, training, written by helper naive on 6 Dec 2026 from general
		// knowledge only (never from the fact base, committed unlabelled before the facts were read), in the
		// independent yardstick's manner: heldout8 78.9 % on-topic (75 of 95), 95.7 % refused (22 of 23) and 3
		// wrong when first run; train34 63.5 % on-topic (80 of 126), 96.6 % refused (28 of 29) and 11 wrong
		// when first run, 69.8 % and 10 wrong after the outside-wording fixes.
		{"heldout8.tsv", 0.75, 0.90},
		{"train34.tsv", 0.66, 0.90},
		// train35, a series (the two OEWGs, the six GGEs) asked when it began or ended without saying which,
		// written by helper series2, 15.4 % on-topic (2 of 13), 4 of 4 refused and 2 wrong when first run, 100
		// % after the seriesLifespan composition.
		{"train35.tsv", 0.90, 0.95},
		// heldout9, held out, and train36, training, written by helper naive2 on 6 Dec 2026 the same way
		// (general knowledge only, committed unlabelled first), as an exam-eve study group's messy chat
		// Indonesian plus lecturers' formal register: heldout9 67.5 % on-topic (52 of 77), 100 % refused and 7
		// wrong when first run; train36 78.7 % on-topic (85 of 108), 100 % refused and 5 wrong when first run,
		// 82.4 % and 4 wrong after the study-group wording fixes.
		{"heldout9.tsv", 0.62, 0.90},
		{"train36.tsv", 0.78, 0.90},
		// heldout10, held out, and train37, training, written by helper naive3 on 6 Dec 2026 from general
		// knowledge only (committed unlabelled before the facts were read), mostly in English as international
		// students, lecturers, journalists and interns ask, full sentences and keyword style: heldout10 76.0 %
		// on-topic (57 of 75), 100 % refused (14 of 14) and 9 wrong when first run; train37 77.9 % on-topic
		// (88 of 113), 94.4 % refused (17 of 18) and 5 wrong when first run, 82.3 % and 2 wrong after the
		// outside-wording fixes and the bodyOutcome rule.
		{"heldout10.tsv", 0.72, 0.95},
		{"train37.tsv", 0.78, 0.90},
	} {
		split := f.split
		if !onlySplit(split) {
			continue
		}
		rows := readBlind(t, split)
		sc, wrong := evalBlind(t, b, rows, verbose+".tsv" == split)
		onTopic := sc["on-topic"][1]
		t.Logf("%s: on-topic %.1f%%, must-refuse refused %.1f%%, answered wrong %d (%.1f%% of on-topic)\n%s", split,
			100*sc.rate("on-topic"), 100*sc.rate("must-refuse"), wrong, 100*float64(wrong)/float64(onTopic), sc)
		if sc.rate("on-topic") < f.onTopic || sc.rate("must-refuse") < f.refused {
			t.Errorf("%s fell below the floors (on-topic %.0f%%, refused %.0f%%)", split, 100*f.onTopic, 100*f.refused)
		}
	}
}
