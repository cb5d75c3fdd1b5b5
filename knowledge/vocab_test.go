package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
)

// TestVocabularyFilesRejectBadData: the vocabulary files are validated like facts, so
// a curator's slip fails loudly with its place named instead of silently matching less.
func TestVocabularyFilesRejectBadData(t *testing.T) {
	good := `entities = ["gge"]
frame_concepts = ["gge"]
generic_nouns = ["gge"]
chatter = ["halo"]
norm_words = ["norma"]
compare_connectives = ["sama"]
compare_frame = ["bedanya"]
[premise]
ordinals = { ketujuh = 7 }
instrument_heads = ["konvensi"]
generic_qualifiers = ["pbb"]
part_nouns = ["sesi"]
series_angles = ["~gge"]
[norm_ordinals]
nouns = ["norma"]
time_words = ["kali"]
number_words = ["nomor"]
[glossary]
lead_ins = ["apa itu"]
tail_outs = ["itu apa"]
[colloquial]
yg = "yang"
[stopwords]
en = ["the"]
id = ["yang"]
[markers]
en = ["the"]
id = ["yang"]
[[concept]]
key = "gge"
spellings = ["gge", "group of governmental experts"]
`
	if _, err := parseLexicon([]byte(good)); err != nil {
		t.Fatalf("a valid lexicon was refused: %v", err)
	}
	lexTests := []struct{ name, from, to, want string }{
		{"unknown key", "[colloquial]", "typo = 1\n[colloquial]", "unknown key"},
		{"upper case spelling", `"gge", "group`, `"GGE", "group`, "lower-case"},
		{"entity without concept", `entities = ["gge"]`, `entities = ["oewg"]`, "not a concept key"},
		{"frame word without concept", `frame_concepts = ["gge"]`, `frame_concepts = ["oewg"]`, "frame_concepts"},
		{"no generic nouns", `generic_nouns = ["gge"]`, `generic_nouns = []`, "generic_nouns is empty"},
		{"empty stop list", `en = ["the"]`, `en = []`, "empty"},
		{"no norm words", `norm_words = ["norma"]`, ``, "norm_words is empty"},
		{"no norm nouns", `nouns = ["norma"]`, ``, "norm_ordinals.nouns is empty"},
		{"series angle without concept", `series_angles = ["~gge"]`, `series_angles = ["~oewg"]`, "series_angles"},
		{"no compare connectives", `compare_connectives = ["sama"]`, `compare_connectives = []`, "compare_connectives is empty"},
		{"upper-case compare frame", `compare_frame = ["bedanya"]`, `compare_frame = ["Bedanya"]`, "lower-case"},
		{"no glossary lead-ins", `lead_ins = ["apa itu"]`, ``, "glossary.lead_ins is empty"},
		{"ordinal that is no number", `ketujuh = 7`, `ketujuh = 0`, "not a positive number"},
		{"no instrument heads", `instrument_heads = ["konvensi"]`, ``, "premise.instrument_heads is empty"},
		{"repeated concept", "[[concept]]", "[[concept]]\nkey = \"gge\"\nspellings = [\"x\"]\n[[concept]]", "repeated"},
		{"broken TOML", "[markers]", "[markers", ""},
		{"unknown kind of a which noun", "[markers]", "[which]\nnouns = { norma = \"rule\" }\n[markers]", "unknown kind"},
		{"upper-case which word", "[markers]", "[which]\nbefore = [\"Which\"]\n[markers]", "lower-case"},
		{"claim agent without concept", `entities = ["gge"]`, `entities = ["gge"]` + "\nclaim_agents = [\"~nato\"]", "claim_agents"},
		{"claim agent without tilde", `entities = ["gge"]`, `entities = ["gge"]` + "\nclaim_agents = [\"gge\"]", "claim_agents"},
		{"upper-case claim lead", `entities = ["gge"]`, `entities = ["gge"]` + "\nclaim_detail_leads = [\"Tahun\"]", "lower-case"},
	}
	for _, tt := range lexTests {
		t.Run("lexicon/"+tt.name, func(t *testing.T) {
			_, err := parseLexicon([]byte(strings.Replace(good, tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
	chat := string(chatVocabTOML)
	chatTests := []struct{ name, from, to, want string }{
		{"unknown section key", "[quiz]", "[quiz]\nletters = [\"a\"]", "unknown key"},
		{"empty list", `laughter = [`, `laughter = [] #`, "empty"},
	}
	for _, tt := range chatTests {
		t.Run("chat/"+tt.name, func(t *testing.T) {
			if !strings.Contains(chat, tt.from) {
				t.Skipf("chat.toml has no %q", tt.from)
			}
			_, err := parseChatVocab([]byte(strings.Replace(chat, tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestUnderstand: the chat-level reading of messages students send, in both languages.
func TestUnderstand(t *testing.T) {
	tests := []struct {
		msg     string
		chatter Chatter
		request Request
		opinion bool
		quiz    int
	}{
		{"pagi semua", Greeting, NoRequest, false, -1},
		{"halo kak bot 👋", Greeting, NoRequest, false, -1},
		{"makasih banyak min 🙏", Thanks, NoRequest, false, -1},
		{"thanks guys, very helpful", Thanks, NoRequest, false, -1},
		{"wkwkwkwk", Laughter, NoRequest, false, -1},
		{"😂😂", Laughter, NoRequest, false, -1},
		{"ok siap", Ack, NoRequest, false, -1},
		{"bye all", Farewell, NoRequest, false, -1},
		{"bot?", Greeting, NoRequest, false, -1},
		{"halo, apa itu GGE?", NoChatter, NoRequest, false, -1},
		{"sumbernya apa?", NoChatter, WantSources, false, -1},
		{"linknya dong kak", NoChatter, WantSources, false, -1},
		{"can you give me the source", NoChatter, WantSources, false, -1},
		{"cite in APA please", NoChatter, WantCitation, false, -1},
		{"jelasin lagi dong", NoChatter, WantMore, false, -1},
		{"sumber konvensi budapest apa?", NoChatter, NoRequest, false, -1},
		{"should Indonesia ratify the convention?", NoChatter, NoRequest, true, -1},
		{"menurutmu OEWG efektif gak?", NoChatter, NoRequest, true, -1},
		{"ASEAN sebaiknya bikin traktat siber sendiri?", NoChatter, NoRequest, true, -1},
		{"C", NoChatter, NoRequest, false, 2},
		{"yang B kayaknya", NoChatter, NoRequest, false, 1},
		{"jawabannya 4", NoChatter, NoRequest, false, 3},
		{"a treaty?", NoChatter, NoRequest, false, -1},
		{"", NoChatter, NoRequest, false, -1},
	}
	for _, tt := range tests {
		u := Understand(tt.msg)
		if u.Chatter != tt.chatter || u.Request != tt.request || u.Opinion != tt.opinion || u.QuizOption != tt.quiz {
			t.Errorf("Understand(%q) = %+v, want chatter %v request %v opinion %v quiz %d", tt.msg, u, tt.chatter, tt.request, tt.opinion, tt.quiz)
		}
	}
}

// TestPackVocabulary: a fact pack's vocab.toml adds chat forms that questions are read
// with, beside the builtin vocabulary; a malformed one is refused like a bad fact file.
func TestPackVocabulary(t *testing.T) {
	pack := fstest.MapFS{"course/vocab.toml": {Data: []byte("[colloquial]\nkpnan = \"kapan\"\noewgpertama = \"oewg pertama\"\n")}}
	base, err := Load(EmbeddedFS(), pack)
	if err != nil {
		t.Fatal(err)
	}
	with, without := NewMatcher(base), NewMatcher(mustBase(t))
	std := with.Match("kapan OEWG pertama dibentuk", EN)
	if !std.Answered {
		t.Fatalf("the standard question is not answered: %v", ids(std.Candidates))
	}
	for _, q := range []string{"kpnan OEWG pertama dibentuk", "kapan oewgpertama dibentuk"} {
		if got := with.Match(q, EN); !got.Answered || got.Best.Fact != std.Best.Fact {
			t.Errorf("with the pack, %q answered %v, want %s", q, ids(got.Candidates), std.Best.Fact.ID)
		}
	}
	// The glued form is no typo the speller would repair: only the pack makes it readable.
	if got := without.Match("kapan oewgpertama dibentuk", EN); got.Answered && got.Best.Fact == std.Best.Fact {
		t.Errorf("without the pack the glued form was read as the standard question")
	}
	bad := fstest.MapFS{"vocab.toml": {Data: []byte("[colloquial]\nKpn = \"kapan\"\n[concept]\nx = 1\n")}}
	_, err = Load(EmbeddedFS(), bad)
	var verr *ValidationError
	if !errors.As(err, &verr) || !strings.Contains(err.Error(), "one lower-case word") || !strings.Contains(err.Error(), "unknown key") {
		t.Fatalf("a bad pack vocabulary: %v", err)
	}
}

func mustBase(t *testing.T) *Base {
	t.Helper()
	b, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParseLabelled: the blind sets' rows, with several right answers or none, and a
// malformed row named by its line.
func TestParseLabelled(t *testing.T) {
	rows, err := ParseLabelled(strings.NewReader("# comment\n\ngge-overview|term-gge\tfact\tid\tapa itu GGE\n-\tgreeting\tid\tpagi semua\n"), "x.tsv")
	if err != nil || len(rows) != 2 || !rows[0].Answers("term-gge") || rows[0].Answers("oewg-overview") || rows[1].Want != nil || rows[0].Line != 3 {
		t.Fatalf("rows %+v, err %v", rows, err)
	}
	if _, err := ParseLabelled(strings.NewReader("gge-overview\tfact\tapa itu GGE\n"), "bad.tsv"); err == nil || !strings.Contains(err.Error(), "bad.tsv:1") {
		t.Fatalf("malformed row: %v", err)
	}
}

// TestCompareWordsAreUsed: a comparison is split at every connective of
// lexicon.toml's compare_connectives and each frame word of compare_frame is
// dropped from its side, so the two sides come out as the things named.
func TestCompareWordsAreUsed(t *testing.T) {
	m := embeddedMatcher(t)
	for _, c := range lexData.CompareConnectives {
		q := "bedanya GGE " + c + " OEWG?"
		if a, b, ok := m.Comparison(m.Parse(q)); !ok || a != "GGE" || b != "OEWG" {
			t.Errorf("Comparison(%q) = %q / %q %v, want GGE / OEWG", q, a, b, ok)
		}
	}
	for _, w := range lexData.CompareFrame {
		if !compareFrame.MatchString("GGE " + w + " OEWG") {
			t.Errorf("frame word %q is not read", w)
		}
	}
	if compareFrame.MatchString("zzqx") || compareSplit.MatchString("GGE zzqx OEWG") {
		t.Error("a word in neither list is read as one")
	}
}
