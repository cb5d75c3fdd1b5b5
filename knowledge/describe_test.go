package knowledge

import "testing"

// A subject named only by description is read as that subject; a question that
// names it, or describes nothing the base knows, is left alone.
func TestDescribedSubject(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct {
		q    string
		want string // fact id whose subject the question describes, "" for none
	}{
		{"when did the German-chaired expert group end?", "gge-2016-2017"},
		{"kementerian pengganti Kominfo dipimpin siapa?", "komdigi"},
		{"which ministry replaced Kominfo?", "komdigi"},
		{"traktat Dewan Eropa tahun 2001 itu apa?", "budapest-convention"},
		{"where in Hanoi was the Hanoi Convention signed?", ""},
		{"what is the GGE?", ""},
		{"resep nasi goreng yang enak apa?", ""},
	}
	for _, c := range cases {
		q := m.Parse(c.q)
		got := ""
		if q.describes != nil {
			got = q.describes.ID
		}
		if got != c.want {
			t.Errorf("%q: described %q, want %q", c.q, got, c.want)
		}
	}
}
