package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// yardstickPath is the independent question set, written by people who never saw the
// fact base. It is read here only to measure: its questions and wording are never
// copied into facts, phrasings, lexicons, tests or tuning (../shared/eval/README.md).
const yardstickPath = "../../shared/eval/questions.jsonl"

type yardstickRow struct {
	Q       string   `json:"q"`
	Any     []string `json:"any"`
	All     []string `json:"all"`
	Re      string   `json:"re"`
	Abstain bool     `json:"abstain"`
	Kind    string   `json:"kind"`
	Lang    string   `json:"lang"`
}

// right applies the set's rule: the answer text or a source title holds at least one
// "any" key, every "all" key (case-insensitively) and a match for "re".
func (r yardstickRow) right(hay string) (bool, error) {
	low := strings.ToLower(hay)
	if len(r.Any) > 0 {
		found := false
		for _, k := range r.Any {
			found = found || strings.Contains(low, strings.ToLower(k))
		}
		if !found {
			return false, nil
		}
	}
	for _, k := range r.All {
		if !strings.Contains(low, strings.ToLower(k)) {
			return false, nil
		}
	}
	if r.Re != "" {
		re, err := regexp.Compile(r.Re)
		if err != nil {
			return false, err
		}
		return re.MatchString(hay), nil
	}
	return true, nil
}

// TestIndependentYardstick scores the brain on ../shared/eval/questions.jsonl the
// way its score.py does (each question in a fresh state, as `ask --json` asks it) and
// reports the figures per kind and language. The floors only catch a regression
// below the figures measured when this test was written; the targets of the issue
// are higher.
func TestIndependentYardstick(t *testing.T) {
	f, err := os.Open(yardstickPath)
	if errors.Is(err, fs.ErrNotExist) {
		if os.Getenv("CI") != "" {
			t.Fatalf("CI runs with ../shared beside the clone, but %s is missing", yardstickPath)
		}
		t.Skip("the independent set is not here: clone the project with ../shared beside it to run this")
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, shipped(Options{}))
	sc := blindScore{}
	wrong, onTopic, unsourced := 0, 0, 0
	in := bufio.NewScanner(f)
	in.Buffer(make([]byte, 64<<10), 1<<20)
	for in.Scan() {
		if strings.TrimSpace(in.Text()) == "" {
			continue
		}
		var r yardstickRow
		if err := json.Unmarshal(in.Bytes(), &r); err != nil {
			t.Fatalf("%s: %v", yardstickPath, err)
		}
		ans := b.Ask(context.Background(), r.Q, "")
		answered := ans.Answered() && (ans.Reply.Outcome.Act == ActQuestion || ans.Reply.Outcome.Act == ActFollowUp)
		good := !answered
		if answered && len(ans.Reply.Sources) == 0 {
			unsourced++ // every answer from facts carries its sources
		}
		if !r.Abstain {
			onTopic++
			hay := PlainTextWithButtons(ans.Reply)
			for _, s := range ans.Reply.Sources {
				hay += " " + s.Title
			}
			ok, err := r.right(hay)
			if err != nil {
				t.Fatalf("row %q: %v", r.Kind, err)
			}
			good = answered && ok
			if answered && !ok {
				wrong++
			}
			if !answered {
				sc.add(false, refusalBucket(ans.Result.Suggestions, func(id string) bool {
					f, found := base.Get(id)
					if !found {
						return false
					}
					hay := f.AnswerEN + " " + f.AnswerID
					for _, s := range f.Sources {
						hay += " " + s.Title
					}
					ok, _ := r.right(hay)
					return ok
				}))
			}
		}
		side := "must-refuse"
		if !r.Abstain {
			side = "on-topic"
		}
		sc.add(good, "kind:"+r.Kind, "lang:"+r.Lang, side)
	}
	if err := in.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("independent set: on-topic %.1f%%, must-refuse refused %.1f%%, answered wrong %.1f%% of on-topic\n%s",
		100*sc.rate("on-topic"), 100*sc.rate("must-refuse"), 100*float64(wrong)/float64(onTopic), sc)
	if unsourced > 0 {
		t.Errorf("%d answers carry no source", unsourced)
	}
	if sc.rate("on-topic") < 0.70 || sc.rate("must-refuse") < 0.93 {
		t.Errorf("the independent set fell below the measured floors (on-topic 70%%, refused 93%%)")
	}
}
