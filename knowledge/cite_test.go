package knowledge

import (
	"strings"
	"testing"
)

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
			name: "non-UN source without a site prefix: the host's owner, never the domain, is the author",
			fact: creation,
			src:  Source{Title: "Analysis", URL: "https://theglobalobservatory.org/"},
			apa:  "IPI Global Observatory. (n.d.). Analysis. https://theglobalobservatory.org/",
			note: "IPI Global Observatory, “Analysis,” n.d., https://theglobalobservatory.org/.",
			bib:  "IPI Global Observatory. “Analysis.” n.d. https://theglobalobservatory.org/.",

			italicAPA: "Analysis.",
		},
		{
			name: "unknown host without citation fields: no author rather than a domain",
			fact: creation,
			src:  Source{Title: "A page", URL: "https://example.org/x"},
			apa:  "A page. (n.d.). https://example.org/x",
			note: "“A page,” n.d., https://example.org/x.",
			bib:  "“A page.” n.d. https://example.org/x.",

			italicAPA: "A page",
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

// TestCiteSourceKinds checks each kind of source against citations written out by hand
// from the APA 7 manual's and the Chicago Manual's own patterns: UN press release,
// government page, news article with and without a byline, journal article, book,
// an undated page that changes (retrieval/access date), and a dated web page by the
// site's owner.
func TestCiteSourceKinds(t *testing.T) {
	f := &Fact{ID: "x", Date: "2025-10-25"}
	tests := []struct {
		name                 string
		src                  Source
		apa, note, bib       string
		italicAPA, italicBib string
	}{
		{
			name: "UN press release",
			src: Source{Kind: "press", Publisher: "United Nations", Published: "2025-07-11",
				Title: "Secretary-General welcomes consensus adoption of final report", URL: "https://press.un.org/en/2025/sgsm22726.doc.htm",
				Note: "thanks the chair"},
			apa:       "United Nations. (2025, July 11). Secretary-General welcomes consensus adoption of final report [Press release]. https://press.un.org/en/2025/sgsm22726.doc.htm",
			note:      "United Nations, “Secretary-General welcomes consensus adoption of final report,” press release, July 11, 2025, https://press.un.org/en/2025/sgsm22726.doc.htm.",
			bib:       "United Nations. “Secretary-General welcomes consensus adoption of final report.” Press release, July 11, 2025. https://press.un.org/en/2025/sgsm22726.doc.htm.",
			italicAPA: "Secretary-General welcomes consensus adoption of final report",
		},
		{
			name: "government page: department as author, site named after it",
			src: Source{Author: "Foreign, Commonwealth & Development Office", Publisher: "GOV.UK", Published: "2025-04-04",
				Title: "The Pall Mall Process Code of Practice for States", URL: "https://www.gov.uk/government/publications/x"},
			apa:       "Foreign, Commonwealth & Development Office. (2025, April 4). The Pall Mall Process Code of Practice for States. GOV.UK. https://www.gov.uk/government/publications/x",
			note:      "Foreign, Commonwealth & Development Office, “The Pall Mall Process Code of Practice for States,” GOV.UK, April 4, 2025, https://www.gov.uk/government/publications/x.",
			bib:       "Foreign, Commonwealth & Development Office. “The Pall Mall Process Code of Practice for States.” GOV.UK. April 4, 2025. https://www.gov.uk/government/publications/x.",
			italicAPA: "The Pall Mall Process Code of Practice for States.",
		},
		{
			name: "news article with a byline",
			src: Source{Kind: "article", Author: "Martin, Alexander", Publisher: "The Record", Published: "2025-10-25",
				Title: "Dozens of countries sign UN cybercrime treaty in Hanoi", URL: "https://therecord.media/x"},
			apa:       "Martin, A. (2025, October 25). Dozens of countries sign UN cybercrime treaty in Hanoi. The Record. https://therecord.media/x",
			note:      "Alexander Martin, “Dozens of countries sign UN cybercrime treaty in Hanoi,” The Record, October 25, 2025, https://therecord.media/x.",
			bib:       "Martin, Alexander. “Dozens of countries sign UN cybercrime treaty in Hanoi.” The Record, October 25, 2025. https://therecord.media/x.",
			italicAPA: "The Record",
			italicBib: "The Record",
		},
		{
			name: "news article without a byline: title first (APA), periodical first (Chicago bibliography)",
			src: Source{Kind: "article", Publisher: "Help Net Security", Published: "2025-10-27", Note: "72 signatories",
				Title: "72 states sign first global UN Convention against Cybercrime", URL: "https://www.helpnetsecurity.com/2025/10/27/un-convention-against-cybercrime"},
			apa:       "72 states sign first global UN Convention against Cybercrime. (2025, October 27). Help Net Security. https://www.helpnetsecurity.com/2025/10/27/un-convention-against-cybercrime",
			note:      "“72 states sign first global UN Convention against Cybercrime,” Help Net Security, October 27, 2025, https://www.helpnetsecurity.com/2025/10/27/un-convention-against-cybercrime.",
			bib:       "Help Net Security. “72 states sign first global UN Convention against Cybercrime.” October 27, 2025. https://www.helpnetsecurity.com/2025/10/27/un-convention-against-cybercrime.",
			italicAPA: "Help Net Security",
			italicBib: "Help Net Security",
		},
		{
			name: "journal article",
			src: Source{Kind: "journal", Author: "Schmitt, Michael N.", Publisher: "Yale Journal of International Law Online",
				Volume: "42", Issue: "2", Pages: "1–21", Published: "2017",
				Title: "Grey zones in the international law of cyberspace", URL: "https://example.org/schmitt"},
			apa:       "Schmitt, M. N. (2017). Grey zones in the international law of cyberspace. Yale Journal of International Law Online, 42(2), 1–21. https://example.org/schmitt",
			note:      "Michael N. Schmitt, “Grey zones in the international law of cyberspace,” Yale Journal of International Law Online 42, no. 2 (2017): 1–21, https://example.org/schmitt.",
			bib:       "Schmitt, Michael N. “Grey zones in the international law of cyberspace.” Yale Journal of International Law Online 42, no. 2 (2017): 1–21. https://example.org/schmitt.",
			italicAPA: "Yale Journal of International Law Online42",
			italicBib: "Yale Journal of International Law Online",
		},
		{
			name: "book with two authors",
			src: Source{Kind: "book", Author: "Kello, Lucas; Smith, Jane A.", Publisher: "Yale University Press", Published: "2017-05",
				Title: "The Virtual Weapon and International Order", URL: "https://example.org/book"},
			apa:       "Kello, L., & Smith, J. A. (2017). The Virtual Weapon and International Order. Yale University Press. https://example.org/book",
			note:      "Lucas Kello and Jane A. Smith, The Virtual Weapon and International Order (Yale University Press, 2017), https://example.org/book.",
			bib:       "Kello, Lucas, and Jane A. Smith. The Virtual Weapon and International Order. Yale University Press, 2017. https://example.org/book.",
			italicAPA: "The Virtual Weapon and International Order.",
			italicBib: "The Virtual Weapon and International Order.",
		},
		{
			name: "manual without a named author: title first",
			src: Source{Kind: "book", Publisher: "Cambridge University Press", Published: "2013",
				Title: "Tallinn Manual on the International Law Applicable to Cyber Warfare", URL: "https://example.org/tallinn"},
			apa:       "Tallinn Manual on the International Law Applicable to Cyber Warfare. (2013). Cambridge University Press. https://example.org/tallinn",
			note:      "Tallinn Manual on the International Law Applicable to Cyber Warfare (Cambridge University Press, 2013), https://example.org/tallinn.",
			bib:       "Tallinn Manual on the International Law Applicable to Cyber Warfare. Cambridge University Press, 2013. https://example.org/tallinn.",
			italicAPA: "Tallinn Manual on the International Law Applicable to Cyber Warfare",
			italicBib: "Tallinn Manual on the International Law Applicable to Cyber Warfare.",
		},
		{
			name: "undated page that changes: retrieval date (APA), access date (Chicago)",
			src: Source{Publisher: "United Nations Treaty Collection", Accessed: "2026-12-04",
				Title: "United Nations Convention against Cybercrime: status", URL: "https://treaties.un.org/x"},
			apa:       "United Nations Treaty Collection. (n.d.). United Nations Convention against Cybercrime: status. Retrieved December 4, 2026, from https://treaties.un.org/x",
			note:      "United Nations Treaty Collection, “United Nations Convention against Cybercrime: status,” accessed December 4, 2026, https://treaties.un.org/x.",
			bib:       "United Nations Treaty Collection. “United Nations Convention against Cybercrime: status.” Accessed December 4, 2026. https://treaties.un.org/x.",
			italicAPA: "United Nations Convention against Cybercrime: status.",
		},
		{
			name: "dated page by the site's owner: the site is not repeated",
			src: Source{Publisher: "Digital Watch Observatory", Published: "2026-04",
				Title: "UN kicks off Global Mechanism on ICT security", URL: "https://dig.watch/updates/x"},
			apa:       "Digital Watch Observatory. (2026, April). UN kicks off Global Mechanism on ICT security. https://dig.watch/updates/x",
			note:      "Digital Watch Observatory, “UN kicks off Global Mechanism on ICT security,” April 2026, https://dig.watch/updates/x.",
			bib:       "Digital Watch Observatory. “UN kicks off Global Mechanism on ICT security.” April 2026. https://dig.watch/updates/x.",
			italicAPA: "UN kicks off Global Mechanism on ICT security.",
		},
		{
			name: "UN document with its date in the data",
			src:  Source{Title: "Final report of the Open-ended working group", URL: "https://docs.un.org/en/A/80/257", Symbol: "A/80/257", Published: "2025-07-22"},
			apa:  "United Nations General Assembly. (2025). Final report of the Open-ended working group (A/80/257). https://docs.un.org/en/A/80/257",
			note: "United Nations General Assembly, Final report of the Open-ended working group, A/80/257 (July 22, 2025), https://docs.un.org/en/A/80/257.",
			bib:  "United Nations General Assembly. Final report of the Open-ended working group. A/80/257. July 22, 2025. https://docs.un.org/en/A/80/257.",

			italicAPA: "Final report of the Open-ended working group",
			italicBib: "Final report of the Open-ended working group.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := CiteSource(f, tt.src)
			for _, got := range []string{Plain(c.APA), Plain(c.ChicagoNote), Plain(c.ChicagoBibliography)} {
				if tt.src.Note != "" && strings.Contains(got, tt.src.Note) {
					t.Errorf("curators' note %q leaked into %q", tt.src.Note, got)
				}
			}
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
			if tt.italicBib != "" {
				if got := italic(c.ChicagoBibliography); got != tt.italicBib {
					t.Errorf("Chicago italic part %q, want %q", got, tt.italicBib)
				}
			}
		})
	}
}

// TestCiteDescribedWork: a source without a title of its own is described in square
// brackets (APA 7 §9.21), not italicised, and in Chicago written without quotation marks.
func TestCiteDescribedWork(t *testing.T) {
	src := Source{Kind: "press", Publisher: "United Nations", Published: "2024-12-24",
		Title: "[Statement issued by the Spokesman for the Secretary-General, SG/SM/22505]", URL: "https://press.un.org/en/2024/sgsm22505.doc.htm"}
	c := CiteSource(&Fact{ID: "x"}, src)
	want := map[string]string{
		"apa":  "United Nations. (2024, December 24). [Statement issued by the Spokesman for the Secretary-General, SG/SM/22505]. https://press.un.org/en/2024/sgsm22505.doc.htm",
		"note": "United Nations, Statement issued by the Spokesman for the Secretary-General, SG/SM/22505, press release, December 24, 2024, https://press.un.org/en/2024/sgsm22505.doc.htm.",
		"bib":  "United Nations. Statement issued by the Spokesman for the Secretary-General, SG/SM/22505. Press release, December 24, 2024. https://press.un.org/en/2024/sgsm22505.doc.htm.",
	}
	got := map[string]string{"apa": Plain(c.APA), "note": Plain(c.ChicagoNote), "bib": Plain(c.ChicagoBibliography)}
	for k := range want {
		if got[k] != want[k] {
			t.Errorf("%s\n got %s\nwant %s", k, got[k], want[k])
		}
	}
	if it := italic(c.APA); it != "" {
		t.Errorf("a description must not be italic, got %q", it)
	}
}
