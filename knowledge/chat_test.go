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
