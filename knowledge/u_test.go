//go:build calibrate

package knowledge
import ("testing";"fmt")
func TestU(t *testing.T){ b,_:=Embedded(); m:=NewMatcher(b); rows:=fitRows(t,m); pos,fl:=0,0; for _,r:=range rows{ if r.y {pos++; if !r.floors {fl++}}}; fmt.Println("positives",pos,"failing floors",fl)
 for _,q:=range []string{"head BSSN sekarang siapa?","SCO code of conduct itu isinya apa aja?","bapak Jurg Lauber ketua apa","yg ngusulin OEWG siapa sih","Who launched the Paris Call?","BOT, WHAT IS ATTRIBUTION IN CYBER OPERATIONS?","Which countries were in the 2019-2021 GGE?"}{ res,f:=m.match(q,EN); id:=""; if len(res.Candidates)>0{id=res.Candidates[0].Fact.ID}; fmt.Printf("%q %s ans=%v p=%.2f %+v\n",q,id,res.Answered,f.confidence(),f)}}
