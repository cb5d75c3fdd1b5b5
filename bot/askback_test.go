package bot

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/cyberdiplo/cyberdiplo/knowledge"
)

// TestFollowUpWithNothingToFollow: a message shaped as a follow-up that names no
// subject, sent in a fresh chat, gets a short question back, not a refusal offering
// facts picked from its frame words or an off-topic notice; one that names its subject
// is answered alone.
func TestFollowUpWithNothingToFollow(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, Options{Features: StandardFeatures(rand.New(rand.NewPCG(1, 2)))})
	for i, tt := range []struct {
		q        string
		lang     knowledge.Lang
		wantFact string // "" = asked back
	}{
		{"trus ketuanya sp?", knowledge.ID, ""},
		{"kapan diadopsi?", knowledge.ID, ""},
		{"and who chaired it?", knowledge.EN, ""},
		{"what about the other one?", knowledge.EN, ""},
		{"kalo yg 2015?", knowledge.ID, ""},
		{"dokumennya apa?", knowledge.ID, ""},
		{"and the Paris Call, when was it launched?", knowledge.EN, "paris-call"},
		{"terus BSSN dibentuk pake perpres apa?", knowledge.ID, "indonesia-bssn"},
	} {
		t.Run(tt.q, func(t *testing.T) {
			// Each message opens a chat of its own: there is no last answer.
			r := send(t, b, privateMsg("fresh"+string(rune('a'+i)), tt.q))
			if r == nil {
				t.Fatal("no reply")
			}
			if tt.wantFact != "" {
				if r.Kind != KindAnswer || r.FactID != tt.wantFact {
					t.Fatalf("answered %q (kind %v), want %q", r.FactID, r.Kind, tt.wantFact)
				}
				return
			}
			var text strings.Builder
			for _, bl := range r.Blocks {
				for _, s := range bl.Spans {
					text.WriteString(s.Text)
				}
			}
			if r.Kind != KindNotSure || len(r.Outcome.FactIDs) > 0 || len(r.Outcome.Suggested) > 0 || len(r.Buttons) > 0 ||
				!strings.Contains(text.String(), Text(tt.lang, "askback")) {
				t.Fatalf("got kind %v facts %v suggested %v: %q; want the short question back", r.Kind, r.Outcome.FactIDs, r.Outcome.Suggested, text.String())
			}
		})
	}
}

// TestOwnFrameNotAskedBack: a question with no subject the base knows but two words
// that frame one ("siapa sekjen PBB?") is not a follow-up: in a fresh chat it is asked
// of the base (refused here, the base holds no such fact) instead of being answered
// with "about what?".
func TestOwnFrameNotAskedBack(t *testing.T) {
	b := embeddedBot(t)
	for i, q := range []string{"siapa sekjen PBB?", "who is the UN secretary-general now?"} {
		t.Run(q, func(t *testing.T) {
			r := send(t, b, privateMsg("own"+string(rune('a'+i)), q))
			if r == nil {
				t.Fatal("no reply")
			}
			if r.Outcome.Act != ActQuestion || r.Kind == KindAnswer {
				t.Fatalf("act %s kind %v facts %v", r.Outcome.Act, r.Kind, r.Outcome.FactIDs)
			}
			for _, lang := range []knowledge.Lang{knowledge.EN, knowledge.ID} {
				if strings.Contains(PlainText(r), Text(lang, "askback")) {
					t.Fatalf("asked back: %q", PlainText(r))
				}
			}
		})
	}
}

// TestAskWithNothingToLeanOn: Ask has no chat behind it, so a question that only
// leans on a previous answer is asked back, never answered from a fact its frame
// words fit ("dokumennya apa?" is not about L-documents); one that names its subject,
// with "itu" or not, is answered.
func TestAskWithNothingToLeanOn(t *testing.T) {
	base, err := knowledge.Embedded()
	if err != nil {
		t.Fatal(err)
	}
	b := New(base, nil, Options{})
	for _, tt := range []struct {
		q        string
		wantFact string // "" = asked back
	}{
		{"dokumennya apa ya?", ""},
		{"kapan dibentuk?", ""},
		{"and the 2015 one?", ""},
		{"who chaired it?", ""},
		{"norma itu apa?", "term-norm"},
		{"Paris Call itu apa?", "paris-call"},
	} {
		t.Run(tt.q, func(t *testing.T) {
			a := b.Ask(t.Context(), tt.q, "")
			if tt.wantFact != "" {
				if !a.Answered() || a.Reply.FactID != tt.wantFact {
					t.Fatalf("answered %q (answered %v), want %q", a.Reply.FactID, a.Answered(), tt.wantFact)
				}
				return
			}
			if a.Reply.Kind != KindNotSure || len(a.Reply.Outcome.FactIDs) > 0 || len(a.Reply.Outcome.Suggested) > 0 {
				t.Fatalf("got kind %v facts %v suggested %v; want the short question back", a.Reply.Kind, a.Reply.Outcome.FactIDs, a.Reply.Outcome.Suggested)
			}
		})
	}
}
