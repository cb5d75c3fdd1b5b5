package knowledge

import (
	"slices"
	"testing"
)

// A claim to be checked ("… since 2024, right?") is answered by the fact that
// settles it, although that fact does not hold the claim's (wrong) year.
func TestClaimYearDoesNotDecide(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct{ q, want string }{
		{"hanoi convention in force since 2025 right?", "cybercrime-convention-entry-into-force"},
		// The lead that only says when ("since", "sejak") goes with the year, and a
		// negative tag ("hasn't it?") makes the statement a claim.
		{"the UN cybercrime treaty has been in force since 2025, hasn't it?", "cybercrime-convention-entry-into-force"},
		{"konvensi kejahatan siber PBB sudah berlaku sejak 2025 kan?", "cybercrime-convention-entry-into-force"},
		// A counted detail ("40 signatures") is the claim's, not the subject's.
		{"the Hanoi convention got 40 signatures on its first day, right?", "cybercrime-convention-hanoi-signing"},
	} {
		res := m.Match(tt.q, EN)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
		}
	}
}

// A claim with a wrong detail (year, chair, sponsor) is answered from the fact
// that holds the subject's true detail, and Contradicts says "no" only when that
// fact's own fields show the detail wrong; a true claim is never contradicted.
func TestClaimAnsweredFromTrueDetail(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		q, want string
		no      bool
	}{
		{"BSSN itu berdiri tahun 2020 kan?", "indonesia-bssn", true},
		{"OEWG 2021-2025 was chaired by Jurg Lauber, right?", "person-burhan-gafoor", true},
		{"Global Mechanism dipimpin Burhan Gafoor kan?", "person-egriselda-lopez", true},
		{"GGE 2016-2017 diketuai oleh brazil kan?", "gge-2016-2017", true},
		{"Budapest Convention berlaku tahun 2002 kan?", "budapest-convention-entry-into-force", true},
		{"Budapest Convention entered into force in 2004, right?", "budapest-convention-entry-into-force", false},
		{"Hinsa Siburian jadi kepala BSSN tahun 2019 kan?", "hinsa-siburian", false},
		{"the 2019 joint statement counts as a UN resolution, right?", "joint-statement-2019-not-resolution", false},
		{"the 2019 joint statement had 27 signatories, right?", "joint-statement-2019-signatories", false},
		// A tag of claim_tail_words ("bukan", "yes") and a phrasal verb ("set up")
		// whose particle says nothing of its own.
		{"Tallinn Manual 2.0 terbit 2013 bukan?", "tallinn-manual-2-0", true},
		{"The first OEWG was set up in 2020, right?", "oewg-2019-2021", true},
	} {
		q := m.Parse(tt.q)
		res := m.MatchQuestion(q, EN)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
			continue
		}
		if got := m.Contradicts(q, res.Best.Fact); got != tt.no {
			t.Errorf("Contradicts(%q, %s) = %v, want %v", tt.q, tt.want, got, tt.no)
		}
	}
}

// Only a statement is a claim: "… ya?" after a question word asks, it does not
// check; English negative tags are claims although the normaliser folds them.
func TestClaimForm(t *testing.T) {
	m := embeddedMatcher(t)
	for q, want := range map[string]bool{
		"GGE dibentuk sekjen ya?":                   true,
		"kapan GGE dibentuk ya?":                    false,
		"the OEWG was created in 2018, wasn't it?":  true,
		"isn't the Paris Call a French initiative?": true,
		"when was the OEWG created?":                false,
		// Other tags of claim_tail_words close a claim as "ya" does.
		"Tallinn Manual 2.0 terbit 2013 bukan?":               true,
		"The OEWG 2021-2025 was chaired by Switzerland, yes?": true,
		"apa itu GGE, bukan?":                                 false,
	} {
		if got := m.Parse(q).claim; got != want {
			t.Errorf("Parse(%q).claim = %v, want %v", q, got, want)
		}
	}
}

// A document symbol claimed for a subject the claim names first is the claim's
// detail: a wrong symbol does not pull the answer to the document it belongs to,
// and the fields say "no" or "yes" only when they hold the detail the claim
// asserts (a year, a symbol, a chair); a count or a sponsor is never confirmed.
func TestClaimSymbolDetailAndConfirms(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		q, want string
		no, yes bool
	}{
		{"the 2015 GGE report is A/68/98, right?", "gge-2015-report", true, false},
		{"laporan GGE 2015 nomornya A/70/174 kan?", "gge-2015-report", false, true},
		{"BSSN dibentuk berdasarkan Perpres 47/2023 kan?", "indonesia-bssn", false, false},
		{"BSSN itu berdiri tahun 2017 kan?", "indonesia-bssn", false, true},
		{"Budapest Convention entered into force in 2004, right?", "budapest-convention-entry-into-force", false, true},
		{"Hinsa Siburian jadi kepala BSSN tahun 2019 kan?", "hinsa-siburian", false, true},
		{"the 2019 joint statement had 27 signatories, right?", "joint-statement-2019-signatories", false, false},
		{"A/70/174 is the 2013 GGE report, right?", "gge-2015-report", false, false},
		// A claimed month is checked against the date's month.
		{"Budapest Convention berlaku Juli 2004 kan?", "budapest-convention-entry-into-force", false, true},
		{"the Budapest Convention entered into force in June 2004, right?", "budapest-convention-entry-into-force", true, false},
	} {
		q := m.Parse(tt.q)
		res := m.MatchQuestion(q, EN)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
			continue
		}
		if got := m.Contradicts(q, res.Best.Fact); got != tt.no {
			t.Errorf("Contradicts(%q, %s) = %v, want %v", tt.q, tt.want, got, tt.no)
		}
		if got := m.Confirms(q, res.Best.Fact); got != tt.yes {
			t.Errorf("Confirms(%q, %s) = %v, want %v", tt.q, tt.want, got, tt.yes)
		}
	}
}

// A claim repeated from somewhere ("I read that …", "katanya …") is checked like a
// tagged one; its detail is what it asserts in its own words — a year (not the
// same year inside the subject's name), how a text was adopted ("by consensus"),
// never the name of a subject it describes — and a date held to the month by the
// whole claim's first fact names which of two neighbours it is about.
func TestClaimDetailFromOwnWords(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"I read that the General Assembly itself formed the GGE in 2004, is that right?", []string{"ares-58-32", "gge-2004-2005"}},
		{"katanya GGE pertama dibentuk Majelis Umum tahun 2004?", []string{"ares-58-32", "gge-2004-2005"}},
		{"I read that 26 countries including the US signed the 2019 joint statement on cyberspace", []string{"joint-statement-2019-signatories"}},
		{"The first OEWG was created by consensus in December 2018, right?", []string{"oewg-2019-2021", "ares-73-27"}},
		{"the 2015 GGE report was endorsed by a recorded vote in December 2015, right?", []string{"ares-70-237"}},
		// A claimed count: the subject asks how many.
		{"GGE cuma ngeluarin 3 laporan: 2010, 2013, 2015 kan?", []string{"gge-reports-overview"}},
		{"the GGEs adopted 3 reports in total, right?", []string{"gge-reports-overview"}},
	} {
		q := m.Parse(tt.q)
		if !q.claim {
			t.Errorf("Parse(%q): not a claim", tt.q)
		}
		res := m.MatchQuestion(q, EN)
		if !res.Answered || !slices.Contains(tt.want, res.Best.Fact.ID) {
			t.Errorf("Match(%q) = answered %v %v, want one of %v", tt.q, res.Answered, ids(res.Candidates), tt.want)
			continue
		}
		if m.Confirms(q, res.Best.Fact) && m.claimDetails(q).unchecked > 0 {
			t.Errorf("Confirms(%q) holds although a detail is unchecked", tt.q)
		}
	}
}

// The words that only bound a claimed count ("only 10 members") or name the organ a
// claim says adopted a text ("disahkan Dewan Keamanan") are the claim's detail: the
// subject is asked without them and answered by its own fact.
func TestClaimBoundAndOrganLeaveSubject(t *testing.T) {
	m := embeddedMatcher(t)
	for _, tt := range []struct{ q, want string }{
		{"the first GGE had only 10 members, right?", "gge-2004-2005"},
		{"laporan GGE 2015 disahkan Dewan Keamanan kan?", "gge-2015-report"},
	} {
		res := m.Match(tt.q, EN)
		if !res.Answered || res.Best.Fact.ID != tt.want {
			t.Errorf("Match(%q) = answered %v %v, want %s", tt.q, res.Answered, ids(res.Candidates), tt.want)
		}
	}
}
