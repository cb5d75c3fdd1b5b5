package knowledge

import "testing"

// A body named by its chair's nationality is read from the facts' chair fields,
// without a curated description that matches word for word; a claim about a
// chair, a sponsor ("Russian-led") or a body named by another name or year is
// left alone, and "who chaired" it is answered with the chair.
func TestChairDescribed(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct {
		q    string
		want string // fact whose subject the question describes, "" for none
	}{
		{"grup yg dipimpin orang australia itu yg mana", "gge-2012-2013"},
		{"kelompok yg dipimpin diplomat singapura itu selesai kapan", "oewg-2021-2025"},
		{"orang rusia yg mimpin GGE dulu itu siapa", "person-andrey-krutskikh"},
		{"OEWG pertama diketuai Rusia kan?", ""},
		{"the Russian-led treaty on cyber weapons", ""},
		{"GGE 2016-2017 ketuanya orang brazil ya", ""},
		{"which GGE was chaired by an Indonesian?", ""},
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

// A described subject is answered when the question asks which thing it is, or
// who chaired the described body; a description with no such angle is not.
func TestDescribedIdentity(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct {
		q    string
		want string // fact answered, "" for a refusal
	}{
		{"grup yg dipimpin orang australia itu yg mana", "gge-2012-2013"},
		{"siapa diplomat rusia yang dulu jadi ketua GGE", "person-andrey-krutskikh"},
		{"which GGE was chaired by a Japanese diplomat?", ""},
	}
	for _, c := range cases {
		res := m.Match(c.q, ID)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if got != c.want {
			t.Errorf("%q: answered %q, want %q", c.q, got, c.want)
		}
	}
}

// A description headed by a kind noun ("resolusi yg …", "the resolution that …")
// asks for a thing of that kind, as "which resolution" does: the resolution is
// answered, not the report or body it names.
func TestHeadNounAsksKind(t *testing.T) {
	base, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	m := NewMatcher(base)
	cases := []struct {
		q    string
		want string // fact answered, "" for a refusal
	}{
		{"resolusi yang mengesahkan laporan final OEWG 2021-2025", "ares-80-16"},
		{"the resolution that the secretary-general used to set up the first GGE", "ares-58-32"},
	}
	for _, c := range cases {
		res := m.Match(c.q, ID)
		got := ""
		if res.Answered {
			got = res.Best.Fact.ID
		}
		if got != c.want {
			t.Errorf("%q: answered %q, want %q", c.q, got, c.want)
		}
	}
}
