package knowledge

import "testing"

// TestReactionsAreSmallTalk: a reaction to a quiz or an answer ("haha susah juga",
// "wkwk salah") is small talk, while a question using the same words is not; thanks
// or a goodbye with laughter or a nod is thanks or a goodbye.
func TestReactionsAreSmallTalk(t *testing.T) {
	tests := []struct {
		msg  string
		want Chatter
	}{
		{"haha susah juga", Laughter},
		{"wkwk salah", Laughter},
		{"susah banget kak", Ack},
		{"waduh hampir", Ack},
		{"oops, wrong", Ack},
		{"interesting, thanks", Thanks},
		{"wkwk makasih kak", Thanks},
		{"oke siap, makasih ya", Thanks},
		{"haha bye all", Farewell},
		{"makasih, bye", Thanks},
		{"apa yang salah dari laporan 2017?", NoChatter},
		{"kenapa GGE 2017 susah sepakat?", NoChatter},
		{"is the Budapest Convention hard to join?", NoChatter},
	}
	for _, tt := range tests {
		if got := Understand(tt.msg).Chatter; got != tt.want {
			t.Errorf("Understand(%q).Chatter = %v, want %v", tt.msg, got, tt.want)
		}
	}
}

// TestPredictionOrSchedule: a guess about the future is an opinion request, but
// asking when a scheduled thing happens, or checking what a document said would
// happen, is a question; a state's own future decision stays a prediction.
func TestPredictionOrSchedule(t *testing.T) {
	tests := []struct {
		msg     string
		opinion bool
	}{
		{"konvensi hanoi bakal berlaku kapan?", false},
		{"Global Mechanism bakal ditinjau kapan?", false},
		{"kapan akan ada sidang pleno pertama Global Mechanism?", false},
		{"laporan GGE 2015 bilang norma-normanya bakal jadi hukum kan?", false},
		{"Global Mechanism bakal berhasil gak?", true},
		{"will there be a new GGE?", true},
		{"kapan Indonesia bakal tanda tangan konvensi Hanoi?", true},
		{"when will the US ratify the UN cybercrime convention?", true},
		{"kira kira kapan Indonesia ratifikasi?", true},
	}
	for _, tt := range tests {
		if got := Understand(tt.msg).Opinion; got != tt.opinion {
			t.Errorf("Understand(%q).Opinion = %v, want %v", tt.msg, got, tt.opinion)
		}
	}
}

// TestWhatTheStudentIsMaking: what a student says they are making and for when
// ("lagi bikin slide presentasi", "for my slides tomorrow") says why they ask; it
// must not drown the question.
func TestWhatTheStudentIsMaking(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	for _, q := range []string{
		"pls list the 11 UN cyber norms, lagi bikin slide presentasi",
		"list the 11 UN cyber norms for my slides tomorrow",
		"apa aja 11 norma siber PBB? buat materi belajar besok",
	} {
		if res := m.Match(q, EN); !res.Answered || res.Best.Fact.ID != "norms-11-overview" {
			t.Errorf("Match(%q) = answered %v %v, want norms-11-overview", q, res.Answered, ids(res.Candidates))
		}
	}
}
