package bot

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cyberdiplo/cyberdiplo/bot/internal/studyfix"
	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// blindTurn is one user turn of a blind dialog and what it should get back.
type blindTurn struct {
	text      string
	addressed bool
	acts      []string // acceptable acts; "silence" is no reply
	facts     []string // for an answer: any one of these answers it
}

// blindDialog is one conversation of testdata/dialogs_blind.txt.
type blindDialog struct {
	name, split string
	group       bool
	turns       []blindTurn
}

// readBlindDialogs parses the blind dialog file (its format is described at its top).
func readBlindDialogs(path string) ([]blindDialog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open blind dialogs: %w", err)
	}
	defer f.Close()
	var out []blindDialog
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(line, "== "); ok {
			h := strings.Fields(rest)
			if len(h) != 3 || (h[1] != "train" && h[1] != "heldout") || (h[2] != "private" && h[2] != "group") {
				return nil, fmt.Errorf("line %d: bad header %q", n, line)
			}
			out = append(out, blindDialog{name: h[0], split: h[1], group: h[2] == "group"})
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 3 || len(out) == 0 {
			return nil, fmt.Errorf("line %d: want text<TAB>act<TAB>facts after a header: %q", n, line)
		}
		d := &out[len(out)-1]
		t := blindTurn{text: cols[0], addressed: !d.group, acts: strings.Split(cols[1], "|")}
		if d.group {
			t.text, t.addressed = strings.CutPrefix(t.text, "@bot ")
			// A command is meant for the bot, as the adapters' addressing policy has it.
			t.addressed = t.addressed || strings.HasPrefix(t.text, "/")
		}
		if cols[2] != "-" {
			t.facts = strings.Split(cols[2], ",")
		}
		d.turns = append(d.turns, t)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read blind dialogs: %w", err)
	}
	return out, nil
}

// blindVerdict is what became of one turn.
type blindVerdict string

const (
	vRight      blindVerdict = "right"
	vRefused    blindVerdict = "refused"          // an answer was due; none came
	vWrongFact  blindVerdict = "wrong fact"       // answered, from no acceptable fact
	vWrongAct   blindVerdict = "wrong act"        // the right kind of reply was not given
	vFactForNot blindVerdict = "fact for chatter" // chatter, a request or an opinion got a fact as an answer
	vHijack     blindVerdict = "hijacked"         // a new question answered as a follow-up, wrongly
)

// judgeBlind says what became of turn t given the reply r.
func judgeBlind(t blindTurn, r *Reply) blindVerdict {
	want := t.acts[0]
	answerDue := want == string(ActQuestion) || want == string(ActFollowUp)
	if r == nil {
		if slices.Contains(t.acts, "silence") {
			return vRight
		}
		if answerDue {
			return vRefused
		}
		return vWrongAct
	}
	got := string(r.Outcome.Act)
	answered := (r.Outcome.Act == ActQuestion || r.Outcome.Act == ActFollowUp) && len(r.Outcome.FactIDs) > 0
	if !answerDue {
		if answered {
			return vFactForNot
		}
		if slices.Contains(t.acts, got) {
			return vRight
		}
		return vWrongAct
	}
	if !answered {
		if got == string(ActQuestion) || got == string(ActFollowUp) {
			return vRefused
		}
		return vWrongAct
	}
	hit := slices.ContainsFunc(r.Outcome.FactIDs, func(id string) bool { return slices.Contains(t.facts, id) })
	switch {
	case hit && slices.Contains(t.acts, got):
		return vRight
	case !hit && want == string(ActQuestion) && !slices.Contains(t.acts, got) && got == string(ActFollowUp):
		return vHijack
	case !hit:
		return vWrongFact
	default:
		return vWrongAct
	}
}

// blindFloor is the least each split must keep: right turns, and at most this many of
// the worst failures (a fact given to chatter, a new question hijacked as a follow-up).
// Set from the figures measured after the fixes of issue #10 (before them: train 84 of
// 111, held-out 42 of 50, one fact for chatter and one hijack in train); a regression
// fails, an improvement should raise the floor. Train is 98, not the 99 measured on its
// branch: the sixth matcher pass (a "still holds the role" claim prefers the successor)
// turns "and before him?" after the current BSSN head into the current head again.
// heldout2 (dialogs_blind2.txt, 5 Dec 2026) scored 36 of 59 right with 2 of the worst
// failures when first run; its floor sits three turns under that. heldout3
// (dialogs_blind3.txt, written blind by helper h5 on 5 Dec 2026) scored 51 of 66 right
// with 1 of the worst failures when first run; its floor likewise sits three turns under.
// heldout4 (dialogs_blind4.txt, written blind by helper h6 on 6 Dec 2026) scored 46 of 73
// right with 2 of the worst failures when first run; its floor sits three turns under.
// heldout5 (dialogs_blind5.txt, written blind by helper h7 on 6 Dec 2026) scored 65 of 74
// right with 2 of the worst failures when first run; its floor likewise sits three turns under.
var blindFloor = map[string]struct{ right, worst int }{
	// Twelve train dialogs (c28–c39) were added blind before the conversation fixes
	// (then 142 of 176, two off-topic questions with a year given a fact). Follow-ups
	// answered from the facts around the last answer, a message that says as much
	// alone read as a new question, a refused one that points back tried around it:
	// 162; the matcher's first guess on the last subject only when it holds half the
	// question ("presiden indonesia tahun 2004" shares only its year): 163, none worst.
	// Fifteen more train dialogs (c41–c55: requests about the last answer in words,
	// follow-ups of every angle, chatter after answers) were added blind before the
	// second conversation pass: 231 of 271, three facts for requests, two for chatter.
	// Requests about the last answer in more wordings ("where did you get that", "bisa
	// dijelasin lebih detail?") and the time or date read as off-topic chatter: 242, none worst.
	// A follow-up naming only a place in the last answer's series ("and the next one?"
	// after the fourth GGE, "yang kedua?") asks for the thing at that place: 243.
	// "what happened next?", "habis itu gimana?": the next dated fact around the last
	// answer: 244.
	// Fifteen more train dialogs (c56–c70: follow-ups of every angle two turns deep,
	// sibling references "the other one?"/"yang UN punya?", a question with itu/that on
	// its own subject, greetings and laughter mid-chat) were added blind before the third
	// conversation pass: 303 of 357, one fact for chatter and one hijack. The moment
	// asked in chat spellings ("skrg tahun berapa"), "btw" around a greeting and a few
	// more reactions ("drama") read as chatter: 307, one hijack. A sibling named by
	// what tells it apart ("and the UN one?", "the other one?") asked from the last
	// answer's angle; a vote fits the text voted on; "which resolution?" is the GA
	// resolution among the last answer's symbols: 313. A glossary term asked to be
	// defined ("konsensus itu maksudnya apa?") is a subject of its own: 314, none worst.
	// A bare "trus?" is what came next when something dated follows: 315. "dia"
	// keeps a follow-up on the person though it names a body word ("negara"): 316.
	// A year-only follow-up ("kalo yg 2017?") is a sibling named by its year, asked
	// from the last answer's angle: 319. Eight more train dialogs (c71–c78: chat
	// spellings, a follow-up-shaped question in a fresh chat) were added blind before the
	// chat-Indonesian pass: 352 of 394. "sp", "prtama" and other vowel-dropping chat
	// spellings read as the words they stand for: 359, none worst. Ten more train
	// dialogs (c79–c88: follow-ups whose answer is the conversation's subject after a
	// person, resolution or report answer, "X itu apa?" after an answer, sibling
	// follow-ups, ordinals glued to numbers) were added blind before the fifth
	// conversation pass: 402 of 441, none worst. Ordinals written with their number
	// ("ke3", "yg ke-2?") read as ordinals: 407. A follow-up answered on the
	// conversation's subject (the body a resolution created or a person chaired,
	// another instance of its series discounted), a glossary term named alone with
	// "itu apa?" answered by the term: 410. "that GGE" / "GGE tersebut" is the
	// conversation's GGE: 411. A place-only follow-up after a report or a chair is
	// that place's report or chair ("yg ke4?" after the third GGE's report): 415. A
	// short question the matcher reads only as likely ("indonesia ikut ga?") asked of
	// the conversation's subject when that reading is sure and about it: 417.
	"train":    {right: 414, worst: 0},
	"heldout":  {right: 46, worst: 0},
	"heldout2": {right: 33, worst: 2},
	"heldout3": {right: 48, worst: 1},
	"heldout4": {right: 43, worst: 2},
	"heldout5": {right: 62, worst: 2},
}

// TestBlindDialogs replays the blind dialogs through the shipped bot and reports, per
// split and per kind of turn, how many were right and how the others failed. Misses are
// listed for the train split only: the held-out split is for reporting, not for fixing.
func TestBlindDialogs(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	dialogs, err := readBlindDialogs("testdata/dialogs_blind.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Each later held-out set is reported as its own block, so its figure stays comparable
	// with the one measured when it was written.
	for _, more := range []struct{ file, split string }{
		{"dialogs_blind2.txt", "heldout2"},
		{"dialogs_blind3.txt", "heldout3"},
		{"dialogs_blind4.txt", "heldout4"},
		{"dialogs_blind5.txt", "heldout5"},
	} {
		extra, err := readBlindDialogs("testdata/" + more.file)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range extra {
			if d.split != "heldout" {
				t.Fatalf("%s: %s is %s; the file is held out only", more.file, d.name, d.split)
			}
			d.split = more.split
			dialogs = append(dialogs, d)
		}
	}
	verdicts := []blindVerdict{vRight, vRefused, vWrongFact, vWrongAct, vFactForNot, vHijack}
	type key struct{ split, kind string }
	counts := map[key]map[blindVerdict]int{}
	var kinds []string
	for _, d := range dialogs {
		b := New(base, nil, Options{Features: StandardFeatures(rand.New(rand.NewPCG(3, 4)))})
		clock := studyfix.NewClock(time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC))
		b.now = clock.Now
		for i, turn := range d.turns {
			clock.Advance(time.Minute)
			m := privateMsg("p-"+d.name, turn.text)
			if d.group {
				m = groupMsg("g-"+d.name, "u1", turn.text)
				m.Addressed = turn.addressed
			}
			r := send(t, b, m)
			v := judgeBlind(turn, r)
			k := key{d.split, turn.acts[0]}
			if counts[k] == nil {
				counts[k] = map[blindVerdict]int{}
			}
			counts[k][v]++
			if !slices.Contains(kinds, turn.acts[0]) {
				kinds = append(kinds, turn.acts[0])
			}
			if v != vRight && d.split == "train" {
				got := "silence"
				if r != nil {
					got = fmt.Sprintf("%s %v sugg=%v", r.Outcome.Act, r.Outcome.FactIDs, r.Outcome.Suggested)
				}
				t.Logf("miss %s#%d %q: %s (want %s %v; got %s)", d.name, i+1, turn.text, v, strings.Join(turn.acts, "|"), turn.facts, got)
			}
		}
	}
	slices.Sort(kinds)
	for _, split := range []string{"train", "heldout", "heldout2", "heldout3", "heldout4", "heldout5"} {
		var tb strings.Builder
		fmt.Fprintf(&tb, "\n%s\n%-12s %4s", split, "kind", "n")
		for _, v := range verdicts {
			fmt.Fprintf(&tb, " %16s", v)
		}
		total := map[blindVerdict]int{}
		n := 0
		for _, kind := range kinds {
			c := counts[key{split, kind}]
			kn := 0
			for _, v := range verdicts {
				kn += c[v]
				total[v] += c[v]
			}
			n += kn
			fmt.Fprintf(&tb, "\n%-12s %4d", kind, kn)
			for _, v := range verdicts {
				fmt.Fprintf(&tb, " %16d", c[v])
			}
		}
		fmt.Fprintf(&tb, "\n%-12s %4d", "all", n)
		for _, v := range verdicts {
			fmt.Fprintf(&tb, " %16d", total[v])
		}
		t.Log(tb.String())
		worst := total[vFactForNot] + total[vHijack]
		floor := blindFloor[split]
		if total[vRight] < floor.right {
			t.Errorf("%s: %d turns right, floor %d", split, total[vRight], floor.right)
		}
		if worst > floor.worst {
			t.Errorf("%s: %d facts given to chatter or questions hijacked, at most %d", split, worst, floor.worst)
		}
	}
}
