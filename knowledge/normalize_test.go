package knowledge

import (
	"reflect"
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jürg LAUBER", "jurg lauber"},
		{"ＧＧＥ　２０１５", "gge 2015"}, // full-width letters and space (NFKC)
		{"“Paris Call” – 2018", "\"paris call\" - 2018"},
		{"Russia’s draft", "russia's draft"},
		{"ﬁnal", "final"}, // ligature
		{"bad\xffbyte", "bad byte"},
		{"tab\tand\nnewline", "tab and newline"},
	}
	for _, tt := range tests {
		if got := normalize(tt.in); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("a", 10*maxQuestionRunes)
	if n := len(normalize(long)); n > maxQuestionRunes {
		t.Errorf("normalize kept %d bytes of a flood, cap is %d", n, maxQuestionRunes)
	}
	// Fact texts are indexed whole: the last word of a long answer still counts.
	answer := strings.Repeat("word ", MaxAnswerRunes/5-1) + "tallinn"
	if got := normalizeMax(answer, maxFactTextRunes); !strings.HasSuffix(got, "tallinn") {
		t.Errorf("a %d-rune answer lost its end in normalisation", len(answer))
	}
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"what is a/res/73/27?", []string{"what", "is", "a/res/73/27", "73/27"}},
		{"a/c.1/73/l.27 and a/75/816.", []string{"a/c.1/73/l.27", "and", "a/75/816", "75/816"}},
		{"a/ac.290/2021/crp.2", []string{"a/ac.290/2021/crp.2"}},
		{"resolusi 70/237", []string{"resolusi", "70/237"}},
		{"negara-negara anggota", []string{"negara", "anggota"}},
		{"negara2 asean", []string{"negara", "asean"}},
		{"gge 2014-2015", []string{"gge", "2014", "2015"}},
		{"oewg 2019-21", []string{"oewg", "2019", "2021"}},
		{"open-ended working group", []string{"open", "ended", "working", "group"}},
		{"norm 13(f) and 13 (a) and 13g", []string{"norm", "13f", "and", "13a", "and", "13g"}},
		{"russia's and/or china's", []string{"russia", "and", "or", "china"}},
		{"why didn't it work, who's that, can't", []string{"why", "did", "it", "work", "who", "that", "can"}},
		{"u.s. draft", []string{"us", "draft"}},
		{"tallinn manual 2.0", []string{"tallinn", "manual", "20"}},
		{"gge6 and oewg2, covid19, 5th, 13f", []string{"gge", "6", "and", "oewg", "2", "covid", "19", "5th", "13f"}},
		{"perpres47/2023 ttg apa", []string{"perpres", "47/2023", "ttg", "apa"}},
		{"@cyberdiplo_bot who chaired the gge", []string{"who", "chaired", "the", "gge"}},
		{"/ask@cyberdiplo_bot apa itu oewg", []string{"apa", "itu", "oewg"}},
		{"", nil},
		{"?!… ---", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range tokenize(normalize(tt.in)) {
			got = append(got, tok.text)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTokenKinds(t *testing.T) {
	toks := tokenize(normalize("A/70/174 in 2015, 11 norms"))
	want := []tokKind{tokSymbol, tokSymbol, tokWord, tokYear, tokNumber, tokWord}
	if len(toks) != len(want) {
		t.Fatalf("got %d tokens %v, want %d", len(toks), toks, len(want))
	}
	for i, k := range want {
		if toks[i].kind != k {
			t.Errorf("token %q kind %d, want %d", toks[i].text, toks[i].kind, k)
		}
	}
}

func TestDetectLang(t *testing.T) {
	tests := []struct {
		in        string
		want      Lang
		confident bool
	}{
		{"Who chaired the first OEWG?", EN, true},
		{"Siapa ketua OEWG pertama?", ID, true},
		{"knp gge 2017 gagal", ID, true},
		{"apa itu norma siber", ID, true},
		{"what is the budapest convention", EN, true},
		{"GGE 2015", EN, false},
		{"A/RES/73/27", EN, false},
		{"", EN, false},
	}
	for _, tt := range tests {
		got, conf := DetectLang(tt.in)
		if got != tt.want || conf != tt.confident {
			t.Errorf("DetectLang(%q) = %s, %v; want %s, %v", tt.in, got, conf, tt.want, tt.confident)
		}
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"cyber", "cyber", 0},
		{"cyebr", "cyber", 1}, // transposition
		{"cybercrine", "cybercrime", 1},
		{"cyberrcrime", "cybercrime", 1},
		{"talin", "tallinn", 2},
		{"oewg", "gge", 3}, // over the limit of 2: reported as limit+1
	}
	for _, tt := range tests {
		if got := osaDistance([]rune(tt.a), tt.b, 2); min(got, 3) != min(tt.want, 3) {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestSpeller(t *testing.T) {
	known := map[string]int{"cybercrime": 3, "convention": 5, "tallinn": 2, "norms": 4, "norma": 1, "gge": 9}
	targets := map[string]targetKind{}
	for w := range known {
		targets[w] = targetName
	}
	s := newSpeller(known, targets)
	tests := []struct {
		in    string
		want  string
		edits int
	}{
		{"cybercrine", "cybercrime", 1},
		{"cyebrcrime", "cybercrime", 1},
		{"convetnion", "convention", 1},
		{"tallin", "tallinn", 1},
		{"nroms", "norms", 1},
		{"convention", "", 0}, // known
		{"ggx", "", 0},        // under 4 runes: no budget
		{"weather", "", 0},    // nothing close
	}
	for _, tt := range tests {
		got, edits := s.correct(tt.in)
		if got != tt.want || (got != "" && edits != tt.edits) {
			t.Errorf("correct(%q) = %q (%d edits), want %q (%d)", tt.in, got, edits, tt.want, tt.edits)
		}
	}
}

func TestColloquialForms(t *testing.T) {
	tests := []struct {
		in   string
		want string // must be among the forms tried
	}{
		{"apaaa", "apa"},
		{"siapaa", "siapa"},
		{"sebutin", "sebutkan"},
		{"ngajuin", "mengajukan"},
		{"nyerang", "menyerang"},
		{"ngebahas", "membahas"},
		{"ngesahin", "mengesahkan"},
		{"ngasilin", "menghasilkan"}, // the h of h- roots is dropped after ng-
		{"ngapus", "menghapus"},
		{"divote", "vote"},
		{"di-sign", "sign"},
		{"meetingnya", "meeting"},
		{"trbitnya", "terbitnya"}, // a vowel-dropped chat spelling gets its e back
		{"brsama", "bersama"},
	}
	for _, tt := range tests {
		forms := colloquialForms(tt.in)
		found := false
		for _, f := range forms {
			found = found || f == tt.want
		}
		if !found {
			t.Errorf("colloquialForms(%q) = %q, want it to include %q", tt.in, forms, tt.want)
		}
	}
	if got := squeezeRepeats("tallinn"); got != "tallinn" {
		t.Errorf("squeezeRepeats(tallinn) = %q: inner double letters must stay", got)
	}
}

func TestLangOther(t *testing.T) {
	for _, tc := range []struct{ in, want Lang }{{EN, ID}, {ID, EN}} {
		if got := tc.in.Other(); got != tc.want {
			t.Errorf("%s.Other() = %s, want %s", tc.in, got, tc.want)
		}
	}
}
