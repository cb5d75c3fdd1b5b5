package knowledge

import "testing"

func TestCite(t *testing.T) {
	resolution := &Fact{ID: "ares-73-27", Date: "2018-12-05", Symbols: []string{"A/RES/73/27"},
		TitleEN: "A/RES/73/27: Russian-sponsored text creates the OEWG"}
	report := &Fact{ID: "gge-2015-report", Date: "2015-07-22", Symbols: []string{"A/70/174"},
		TitleEN: "2015 GGE consensus report (A/70/174)"}
	// A fact dated 2018 that also cites the 2015 report: the report is not what the
	// fact's date dates, so its year must not be borrowed.
	creation := &Fact{ID: "oewg-2019-2021", Date: "2018-12-05", Symbols: []string{"A/RES/73/27"},
		TitleEN: "First OEWG created"}
	council := &Fact{ID: "sc", Date: "2016-03-01", Symbols: []string{"S/2016/100"}, TitleEN: "A letter"}

	tests := []struct {
		name                 string
		fact                 *Fact
		src                  Source
		apa, note, bib       string
		italicAPA, italicBib string
	}{
		{
			name: "resolution with its own date in the title",
			fact: resolution,
			src:  Source{Title: "General Assembly resolution 73/27 (5 December 2018)", URL: "https://docs.un.org/en/A/RES/73/27", Symbol: "A/RES/73/27"},
			apa:  "United Nations General Assembly. (2018). General Assembly resolution 73/27 (A/RES/73/27). https://docs.un.org/en/A/RES/73/27",
			note: "United Nations General Assembly, General Assembly resolution 73/27, A/RES/73/27 (December 5, 2018), https://docs.un.org/en/A/RES/73/27.",
			bib:  "United Nations General Assembly. General Assembly resolution 73/27. A/RES/73/27. December 5, 2018. https://docs.un.org/en/A/RES/73/27.",

			italicAPA: "General Assembly resolution 73/27",
			italicBib: "General Assembly resolution 73/27.",
		},
		{
			name: "resolution titled with its symbol, year from the fact",
			fact: resolution,
			src:  Source{Title: "A/RES/73/27 — Developments in the field of information and telecommunications in the context of international security", URL: "https://docs.un.org/en/A/RES/73/27"},
			apa:  "United Nations General Assembly. (2018). Developments in the field of information and telecommunications in the context of international security (A/RES/73/27). https://docs.un.org/en/A/RES/73/27",
			note: "United Nations General Assembly, Developments in the field of information and telecommunications in the context of international security, A/RES/73/27 (2018), https://docs.un.org/en/A/RES/73/27.",
			bib:  "United Nations General Assembly. Developments in the field of information and telecommunications in the context of international security. A/RES/73/27. 2018. https://docs.un.org/en/A/RES/73/27.",

			italicAPA: "Developments in the field of information and telecommunications in the context of international security",
			italicBib: "Developments in the field of information and telecommunications in the context of international security.",
		},
		{
			name: "report, year from the fact",
			fact: report,
			src:  Source{Title: "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security", URL: "https://docs.un.org/en/A/70/174", Symbol: "A/70/174"},
			apa:  "United Nations General Assembly. (2015). Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security (A/70/174). https://docs.un.org/en/A/70/174",
			note: "United Nations General Assembly, Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security, A/70/174 (2015), https://docs.un.org/en/A/70/174.",
			bib:  "United Nations General Assembly. Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security. A/70/174. 2015. https://docs.un.org/en/A/70/174.",

			italicAPA: "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security",
			italicBib: "Report of the Group of Governmental Experts on Developments in the Field of Information and Telecommunications in the Context of International Security.",
		},
		{
			name: "report cited by a fact about something else: n.d., never a borrowed year",
			fact: creation,
			src:  Source{Title: "2015 GGE report", URL: "https://docs.un.org/en/A/70/174", Symbol: "A/70/174"},
			apa:  "United Nations General Assembly. (n.d.). 2015 GGE report (A/70/174). https://docs.un.org/en/A/70/174",
			note: "United Nations General Assembly, 2015 GGE report, A/70/174 (n.d.), https://docs.un.org/en/A/70/174.",
			bib:  "United Nations General Assembly. 2015 GGE report. A/70/174. n.d. https://docs.un.org/en/A/70/174.",

			italicAPA: "2015 GGE report",
			italicBib: "2015 GGE report.",
		},
		{
			name: "report with a trailing date after a comma",
			fact: creation,
			src:  Source{Title: "Report of the Group of Governmental Experts, 22 July 2015", URL: "https://docs.un.org/en/A/70/174", Symbol: "A/70/174"},
			apa:  "United Nations General Assembly. (2015). Report of the Group of Governmental Experts (A/70/174). https://docs.un.org/en/A/70/174",
			note: "United Nations General Assembly, Report of the Group of Governmental Experts, A/70/174 (July 22, 2015), https://docs.un.org/en/A/70/174.",
			bib:  "United Nations General Assembly. Report of the Group of Governmental Experts. A/70/174. July 22, 2015. https://docs.un.org/en/A/70/174.",

			italicAPA: "Report of the Group of Governmental Experts",
			italicBib: "Report of the Group of Governmental Experts.",
		},
		{
			name: "Security Council document",
			fact: council,
			src:  Source{Title: "Letter to the Security Council", URL: "https://docs.un.org/en/S/2016/100"},
			apa:  "United Nations Security Council. (2016). Letter to the Security Council (S/2016/100). https://docs.un.org/en/S/2016/100",
			note: "United Nations Security Council, Letter to the Security Council, S/2016/100 (2016), https://docs.un.org/en/S/2016/100.",
			bib:  "United Nations Security Council. Letter to the Security Council. S/2016/100. 2016. https://docs.un.org/en/S/2016/100.",

			italicAPA: "Letter to the Security Council",
			italicBib: "Letter to the Security Council.",
		},
		{
			name: "non-UN source: the site is the author, no date",
			fact: creation,
			src:  Source{Title: "Digital Watch: UNGA adopts Russian proposal on cybersecurity", URL: "https://dig.watch/updates/unga-adopts-russian-proposal-cybersecurity"},
			apa:  "Digital Watch. (n.d.). UNGA adopts Russian proposal on cybersecurity. https://dig.watch/updates/unga-adopts-russian-proposal-cybersecurity",
			note: "Digital Watch, “UNGA adopts Russian proposal on cybersecurity,” n.d., https://dig.watch/updates/unga-adopts-russian-proposal-cybersecurity.",
			bib:  "Digital Watch. “UNGA adopts Russian proposal on cybersecurity.” n.d. https://dig.watch/updates/unga-adopts-russian-proposal-cybersecurity.",

			italicAPA: "UNGA adopts Russian proposal on cybersecurity.",
		},
		{
			name: "non-UN source without a site prefix: the host is the author",
			fact: creation,
			src:  Source{Title: "IPI Global Observatory", URL: "https://theglobalobservatory.org/"},
			apa:  "theglobalobservatory.org. (n.d.). IPI Global Observatory. https://theglobalobservatory.org/",
			note: "theglobalobservatory.org, “IPI Global Observatory,” n.d., https://theglobalobservatory.org/.",
			bib:  "theglobalobservatory.org. “IPI Global Observatory.” n.d. https://theglobalobservatory.org/.",

			italicAPA: "IPI Global Observatory.",
		},
		{
			name: "title ending in a question mark gets no extra full stop",
			fact: creation,
			src:  Source{Title: "Lawfare: The UN GGE failed. Is international law in cyberspace doomed as well?", URL: "https://lawfaremedia.org/article/x"},
			apa:  "Lawfare. (n.d.). The UN GGE failed. Is international law in cyberspace doomed as well? https://lawfaremedia.org/article/x",
			note: "Lawfare, “The UN GGE failed. Is international law in cyberspace doomed as well?,” n.d., https://lawfaremedia.org/article/x.",
			bib:  "Lawfare. “The UN GGE failed. Is international law in cyberspace doomed as well?” n.d. https://lawfaremedia.org/article/x.",

			italicAPA: "The UN GGE failed. Is international law in cyberspace doomed as well?",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CiteSource(tt.fact, tt.src)
			if got := Plain(c.APA); got != tt.apa {
				t.Errorf("APA\n got %s\nwant %s", got, tt.apa)
			}
			if got := Plain(c.ChicagoNote); got != tt.note {
				t.Errorf("Chicago note\n got %s\nwant %s", got, tt.note)
			}
			if got := Plain(c.ChicagoBibliography); got != tt.bib {
				t.Errorf("Chicago bibliography\n got %s\nwant %s", got, tt.bib)
			}
			if got := italic(c.APA); got != tt.italicAPA {
				t.Errorf("APA italic part %q, want %q", got, tt.italicAPA)
			}
			if got := italic(c.ChicagoBibliography); got != tt.italicBib {
				t.Errorf("Chicago italic part %q, want %q", got, tt.italicBib)
			}
		})
	}
}

func italic(segs []CiteSegment) string {
	out := ""
	for _, s := range segs {
		if s.Italic {
			out += s.Text
		}
	}
	return out
}

func TestCiteAllSources(t *testing.T) {
	f := &Fact{Date: "2013-06-24", Symbols: []string{"A/68/98"}, Sources: []Source{
		{Title: "Report of the Group of Governmental Experts, 24 June 2013", URL: "https://docs.un.org/en/A/68/98", Symbol: "A/68/98"},
		{Title: "CCDCOE: commentary", URL: "https://ccdcoe.org/x"},
	}}
	cs := Cite(f)
	if len(cs) != 2 || cs[0].Source != f.Sources[0] || cs[1].Source != f.Sources[1] {
		t.Fatalf("Cite returned %d citations, want one per source in order", len(cs))
	}
}
