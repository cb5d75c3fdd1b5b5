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

// TestChatterAroundAQuestion: what a student wraps a question in says why they ask,
// not what: what they are making and for when ("lagi bikin slide presentasi", "for my
// slides tomorrow") and a greeting or nickname ("yo", "hei bos") must not drown it.
func TestChatterAroundAQuestion(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct{ q, want string }{
		{"pls list the 11 UN cyber norms, lagi bikin slide presentasi", "norms-11-overview"},
		{"list the 11 UN cyber norms for my slides tomorrow", "norms-11-overview"},
		{"apa aja 11 norma siber PBB? buat materi belajar besok", "norms-11-overview"},
		{"yo who chairs the global mechanism", "person-egriselda-lopez"},
		{"hei bos, kapan OEWG pertama dibentuk", "oewg-2019-2021"},
	} {
		if res := m.Match(tt.q, EN); !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
		}
	}
}

// TestTimelineInWords: the story asked for in words is /timeline with the topic and
// years the message names; a message naming a subject of its own is a question.
func TestTimelineInWords(t *testing.T) {
	tests := []struct {
		msg  string
		want bool
		args string
	}{
		{"timeline dong", true, ""},
		{"show me the timeline", true, ""},
		{"what is the history of the UN cyber talks", true, ""},
		{"kronologi diplomasi siber PBB", true, ""},
		{"sejarah GGE gimana", true, "gge"},
		{"linimasa OEWG dari 2019 sampai 2021", true, "oewg 2019-2021"},
		{"timeline norma 2015", true, "norms 2015"},
		{"apa sejarah BSSN", false, ""},
		{"sejarah OEWG dan GGE", false, ""},
		{"kapan pertama kali PBB bahas keamanan siber", false, ""},
	}
	for _, tt := range tests {
		u := Understand(tt.msg)
		if u.Timeline != tt.want || u.TimelineArgs != tt.args {
			t.Errorf("Understand(%q) timeline %v %q, want %v %q", tt.msg, u.Timeline, u.TimelineArgs, tt.want, tt.args)
		}
	}
}
