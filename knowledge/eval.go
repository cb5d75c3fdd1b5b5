package knowledge

import (
	"bufio"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
)

// EvalCase is one line of an evaluation file:
// `<expected_fact_id or ->\t<en|id|mixed>\t<question>`; "-" means the question must be refused.
type EvalCase struct {
	File     string
	Line     int
	Want     string // fact id, or "" when the question must be refused
	Lang     string // en, id or mixed, as labelled
	Question string
}

// EvalOutcome is how the matcher did on one case.
type EvalOutcome struct {
	EvalCase
	Result Result
	// Correct: the expected fact was answered, or a must-refuse question was refused.
	Correct bool
	// Wrong: something was answered that should not have been (another fact, or an
	// answer to a must-refuse question) — the failure that matters most.
	Wrong bool
}

// EvalFigures summarise a set of outcomes.
type EvalFigures struct {
	Questions       int
	OnTopic         int
	Top1            int // on-topic questions answered with the expected fact
	Refuse          int // must-refuse questions
	Refused         int // must-refuse questions refused
	AnsweredWrong   int // wrong answers + answered must-refuse questions
	UnansweredRight int // on-topic questions refused although the fact exists
	SuggestedRight  int // of those, refused with the expected fact among the suggestions
}

// Top1Rate is the share of on-topic questions answered with the expected fact.
func (f EvalFigures) Top1Rate() float64 { return ratio(f.Top1, f.OnTopic) }

// RefusalRate is the share of must-refuse questions refused.
func (f EvalFigures) RefusalRate() float64 { return ratio(f.Refused, f.Refuse) }

// WrongRate is the share of all questions answered wrongly.
func (f EvalFigures) WrongRate() float64 { return ratio(f.AnsweredWrong, f.Questions) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func (f EvalFigures) String() string {
	parts := []string{fmt.Sprintf("%3d questions", f.Questions)}
	if f.OnTopic > 0 {
		parts = append(parts, fmt.Sprintf("top-1 on-topic %d/%d (%.1f%%), %d not answered (%d with the fact suggested)",
			f.Top1, f.OnTopic, 100*f.Top1Rate(), f.UnansweredRight, f.SuggestedRight))
	}
	if f.Refuse > 0 {
		parts = append(parts, fmt.Sprintf("refusals %d/%d (%.1f%%)", f.Refused, f.Refuse, 100*f.RefusalRate()))
	}
	parts = append(parts, fmt.Sprintf("answered-but-wrong %d (%.2f%%)", f.AnsweredWrong, 100*f.WrongRate()))
	return strings.Join(parts, ", ")
}

func (f *EvalFigures) add(o EvalOutcome) {
	f.Questions++
	if o.Want == "" {
		f.Refuse++
		if !o.Result.Answered {
			f.Refused++
		}
	} else {
		f.OnTopic++
		if o.Correct {
			f.Top1++
		} else if !o.Result.Answered {
			f.UnansweredRight++
			for _, s := range o.Result.Suggestions {
				if s.ID == o.Want {
					f.SuggestedRight++
				}
			}
		}
	}
	if o.Wrong {
		f.AnsweredWrong++
	}
}

// EvalReport is the evaluation of a matcher over a set of files.
type EvalReport struct {
	Files map[string]EvalFigures
	// ByLang splits the figures by the language label of the questions (en, id, mixed).
	ByLang   map[string]EvalFigures
	Total    EvalFigures
	Outcomes []EvalOutcome
	// Problems are eval lines that cannot be used (unknown fact id, bad format).
	Problems []string
}

// Failures are the outcomes that were not correct, in file and line order.
func (r *EvalReport) Failures() []EvalOutcome {
	var out []EvalOutcome
	for _, o := range r.Outcomes {
		if !o.Correct {
			out = append(out, o)
		}
	}
	return out
}

// Summary is a short multi-line report: one line per file, then the total.
func (r *EvalReport) Summary() string {
	var b strings.Builder
	names := make([]string, 0, len(r.Files))
	for n := range r.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(&b, "%-14s %s\n", n, r.Files[n])
	}
	for _, l := range []string{"en", "id", "mixed"} {
		if f, ok := r.ByLang[l]; ok {
			fmt.Fprintf(&b, "%-14s %s\n", "lang "+l, f)
		}
	}
	fmt.Fprintf(&b, "%-14s %s\n", "TOTAL", r.Total)
	return b.String()
}

// DescribeOutcome renders a failure for a log: where, what was asked, what happened.
func DescribeOutcome(o EvalOutcome) string {
	want := o.Want
	if want == "" {
		want = "(refuse)"
	}
	got := "refused"
	if o.Result.Answered {
		got = "answered " + o.Result.Best.Fact.ID
	}
	var cands []string
	for _, c := range o.Result.Candidates {
		cands = append(cands, fmt.Sprintf("%s %.2f", c.Fact.ID, c.Score))
	}
	if o.Result.OffTopic {
		got += " (off-topic)"
	}
	return fmt.Sprintf("%s:%d [%s] %q want %s, %s; candidates: %s", o.File, o.Line, o.Lang, o.Question, want, got, strings.Join(cands, ", "))
}

// ParseEval reads one evaluation file.
func ParseEval(r io.Reader, name string) ([]EvalCase, []string, error) {
	var cases []EvalCase
	var problems []string
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		parts := strings.SplitN(text, "\t", 3)
		if len(parts) != 3 || strings.TrimSpace(parts[2]) == "" {
			problems = append(problems, fmt.Sprintf("%s:%d: want <fact_id or ->\\t<en|id|mixed>\\t<question>", name, line))
			continue
		}
		want := strings.TrimSpace(parts[0])
		if want == "-" {
			want = ""
		}
		lang := strings.TrimSpace(parts[1])
		if lang != "en" && lang != "id" && lang != "mixed" {
			problems = append(problems, fmt.Sprintf("%s:%d: language %q is not en, id or mixed", name, line, lang))
		}
		cases = append(cases, EvalCase{File: name, Line: line, Want: want, Lang: lang, Question: parts[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return cases, problems, nil
}

// EvaluateFS runs the matcher over every *.tsv file of fsys (e.g. os.DirFS of
// knowledge/testdata/eval) and returns the figures; eval lines naming a fact the
// base does not have are Problems, not outcomes.
func EvaluateFS(m *Matcher, fsys fs.FS) (*EvalReport, error) {
	files, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("listing eval files: %w", err)
	}
	sort.Strings(files)
	rep := &EvalReport{Files: map[string]EvalFigures{}, ByLang: map[string]EvalFigures{}}
	for _, name := range files {
		f, err := fsys.Open(name)
		if err != nil {
			return nil, fmt.Errorf("opening %s: %w", name, err)
		}
		cases, probs, err := ParseEval(f, path.Base(name))
		f.Close()
		if err != nil {
			return nil, err
		}
		rep.Problems = append(rep.Problems, probs...)
		figs := rep.Files[path.Base(name)]
		for _, c := range cases {
			if c.Want != "" {
				if _, ok := m.Base().Get(c.Want); !ok {
					rep.Problems = append(rep.Problems, fmt.Sprintf("%s:%d: unknown fact id %q", c.File, c.Line, c.Want))
					continue
				}
			}
			o := EvalOutcome{EvalCase: c, Result: m.Match(c.Question, evalHint(c.Lang))}
			answered := o.Result.Answered
			switch {
			case c.Want == "":
				o.Correct = !answered
				o.Wrong = answered
			default:
				o.Correct = answered && o.Result.Best.Fact.ID == c.Want
				o.Wrong = answered && !o.Correct
			}
			figs.add(o)
			rep.Total.add(o)
			lf := rep.ByLang[c.Lang]
			lf.add(o)
			rep.ByLang[c.Lang] = lf
			rep.Outcomes = append(rep.Outcomes, o)
		}
		rep.Files[path.Base(name)] = figs
	}
	return rep, nil
}

// evalHint is the locale hint a user asking in that language would usually send.
func evalHint(lang string) Lang {
	if lang == "id" {
		return ID
	}
	return EN
}

// LabelledQuestion is one row of a blind set (knowledge/testdata/blind):
// `<labels>\t<kind>\t<lang>\t<question>`, labels being the fact ids any of which
// answers it, separated by "|", or "-" for a question the bot must refuse.
type LabelledQuestion struct {
	Line     int
	Want     []string // nil: must refuse
	Kind     string
	Lang     string
	Question string
}

// ParseLabelled reads a blind set; "#" lines and blank lines are skipped, and a
// malformed row is an error naming its line.
func ParseLabelled(r io.Reader, name string) ([]LabelledQuestion, error) {
	var out []LabelledQuestion
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := sc.Text()
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		p := strings.SplitN(text, "\t", 4)
		if len(p) != 4 || p[0] == "" || p[3] == "" {
			return nil, fmt.Errorf("%s:%d: want <labels>\\t<kind>\\t<lang>\\t<question>", name, line)
		}
		q := LabelledQuestion{Line: line, Kind: p[1], Lang: p[2], Question: p[3]}
		if p[0] != "-" {
			q.Want = strings.Split(p[0], "|")
		}
		out = append(out, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	return out, nil
}

// Answers reports whether id is one of the facts that answer q.
func (q LabelledQuestion) Answers(id string) bool {
	for _, w := range q.Want {
		if w == id {
			return true
		}
	}
	return false
}
