//! What is not data: the numbers a document prints that `data/README.md` says are not
//! recorded.
//!
//! - contact details: URLs, e-mail and postal addresses, telephone and fax numbers;
//! - identifiers: DOIs, PMID, PMCID, ISSN, registry ids, and any run of 13 digits or more (a
//!   library's record id: no count a trial reports is written so); the fields of a MEDLINE
//!   record but its title and abstract (`LR - 20190910`, `VI - 18`, `PG - 347-54`);
//! - figure, table and footnote numbers (`*1`, `※1`, a reference after a title's bracket
//!   `試験)27),28)`), citations (`PNAS 2011;108:3701-3706`, `Chihara et al. 2011`);
//! - numbers inside names (IL-6, G93A, SSEA-3, CL2020, アクアポリン 4, 第1回, 2重盲検) and
//!   labels of a category (`phase 2`, `cycle 1`, `type 2`, `grade 3 or 4`, `genotype 1, 2, 4,
//!   or 6`, `Definition 1`, `model 2`; `cycles 2 to 6` counts), responder criteria named by
//!   their index and threshold (`PASI 75`, `ACR 20`, `EASI-90`), and the bounds in the bracket
//!   that defines an outcome's abbreviation (`time in range (TIR, 70–180 mg/dL)`);
//! - a web page's navigation (`5件中1~5を表示しています`, `Showing 1–3 of 3 articles`, `Page 2
//!   of 4`), and a grant database's numbers: a researcher's after their title (`教授
//!   (40168018)`), a project's (`研究課題/領域番号 | 20500624`);
//! - a press release's dateline (`July 31 /PRNewswire/`), its date of issue (a full date alone
//!   on one of the first lines: `2020年3月6日  Lancet`), and a day of a
//!   month with no year (`unveiled at a meeting on March 8.`): the occasion, not a result;
//! - ordinals (`the 12th Annual Symposium`, `the 3rd edition`): a place in an order, not a
//!   quantity;
//! - a dosing frequency in Japanese (`1日3回`, `1回最大5g`: the regimen's words; the dose
//!   itself is data);
//! - the period of a rate's unit (`migraines per 30 days`, `events/100 patient-years`,
//!   `11.4(7.8, 16.7)/100人・年`: never a number of patients), the
//!   power of a unit per area or volume as a copy prints it (`kg/m 2`, `kg/m^2`) and the
//!   count in an instrument's name (`3-component Mayo score`, `36-item Short Form`);
//! - a scale's own range and anchors (`each symptom scored 0 to 3`, `ranging from 0 to 9`,
//!   `0 = no symptom`, the bracket after its name: `VAS (0–100 mm)`, `頻度(0-4)`): what the
//!   scale is, not a result; so too its categories' codes (`1:著明改善 2:中等度改善`, `0: none`),
//!   its levels and points (`5段階`, `それぞれ0点から3点で`, `a 10-point scale`);
//! - the centiles that name quartiles (`25–75 centile`), a constant that multiplies a formula
//!   (`100*[(T–BL)/BL]`), codes with a leading zero (0323);
//! - list enumerators at a line's start (`1. `, `１）`) or inside a sentence's list (`groups:
//!   (1) Vitamin D2 …, (2) …`, `満足度 A:B=62±34:42±33 (2)咀嚼 …`), and section numbers (`17.1.1`, as
//!   package inserts number their headings; `14.3 Adjunctive Therapy`, a label's heading), times of day (午後4 時, 16:00);
//! - a Snellen acuity in a text that speaks of acuity (`20/20 or better`, `6/6`): a line of the
//!   chart, no count of a whole;
//! - an allocation ratio (`randomised 2:1`, `1:1:1`), a proportion of arms, not counts (before
//!   a count's noun, `要支援1:7名`, only the category's number: the count is data), and
//!   an allocation in words (`assigned to one of four preventive treatments`), the design;
//! - a significance threshold (`P < 0.05 was considered significant`, `significant at p <
//!   0.05`, `a two-sided alpha of 0.05`, `p<0.05を統計学的に有意とした`): the test's rule,
//!   not a result;
//! - how news prints its own furniture: the issue date (`配信日時:2022/12/01 14:12`, 公開日),
//!   a day of the month with no month, as Japanese news dates the events it reports (`ロシュは
//!   30日、`, `[シカゴ 30日 ロイター]`), and a page counter (`Page 8 of 36`);
//! - a trial's name with its number (`TRILOGY 2 study`, `in TRILOGY 1.`) and an author's
//!   affiliation marks (`J M Lecerf 1,*, E Clerc 1`);
//! - the thresholds of entry criteria, in a sentence that names them (`entry_criteria`), and a
//!   half-open range wherever it stands (`5.1 to < 6.0 mmol/L`): a category's bounds, which
//!   no result is printed as;
//! - counts of the things a report lists, not of people (`14項目`, `呼吸器4症状`, `2群の間`),
//!   and a scale's maximum and its normal range (`30点満点で26点以上は正常`);
//! - responder thresholds: the change that defines a responder (`≥50% reduction`, `a reduction
//!   of at least 50%`, `a decrease of at least 4 points`, 50%以上改善, `2%以上の腹囲の低下`), a
//!   criterion, not a result; so is a Japanese percentage printed as a bound (`5%以上:100名`,
//!   `HbA1c 7%未満を達成`, `発現率5%以上`) unless the text found it (`患者の80%以上が`, `5%以上
//!   高い`);
//! - a citation in the text (`(引用2、3)`, `(ref. 4)`) and a reference list, from its heading
//!   (`References`, `参考文献`, `【引用】`) on a line of its own to the end;
//! - a Japanese journal's citation line (`2009 年 24 巻 4 号 p. 891-895`) or bracket (`(日眼会誌
//!   116:955-966,2012)`, `薬理と治療,5(5),1412(1977)`), and a page's bibliographic rows
//!   (`Volume | 7`, `Issue number | 1`, `Published - Jan 1 1990`, `Publication statusPublished -
//!   2010`, `Pages (from-to)1 - 12`, `ISSN | 0037-1033 1349-4333`, `76 Citations`, `4390
//!   Views`): the year, volume, issue and pages of the paper, and how often it was cited or
//!   read, not of the trial; and the number of groups compared (`between the 2 groups`), a
//!   count of the design's arms, not of people;
//! - a confidence level whose `%` the copy lost (`95 confidence interval (CI) 0.12 to 1.54`):
//!   the interval's level, not a result.
//!
//! - percentages of the design or of an intervention (`design_percentages`): a significance
//!   level (`有意水準両側5%`), a power (`検出力90%`), an exercise intensity (`VO2maxの50%`), a
//!   threshold named as one (`閾値…20%`);
//! - a non-inferiority margin (`a 4% absolute non-inferiority margin`, `非劣性マージン(−1.0g/dL)`,
//!   `(Δ=5%)`): the design's threshold, as alpha is, not a result;
//! - a company's share price moving (`slips 9% premarket`, `shares of X fell 12%`): the market's
//!   reading of a result, not the trial's.
//!
//! The names rule is in [`inside_name`], used by every recogniser that reads a bare number.

use super::{Claims, Sentences};
use regex::Regex;
use std::sync::OnceLock;

/// A Japanese person-time (`100人・年`, `1,000 人年`, `100患者年`, `100例・年`), in the
/// verbose syntax: written once for this file, which keeps its number from being read as a
/// number of patients, and for the rates ([`super::rate`]: `11.4/100人・年`, `1,000 人年あたり`).
pub const JAPANESE_PERSON_TIME: &str = r"\d[\d,]* \s* (?: 人 | 患者 | 例 ) \s* [・･]? \s* 年";

/// The forms above as one pattern.
// Long because it is an alternation of them, one line each, which stays one regex to be
// matched in one pass.
fn patterns() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        // One alternation of many Unicode-aware forms: its lazy DFA needs more room than the
        // default 2 MB, or it keeps clearing its cache on Japanese text and falls back to the
        // (ten times slower) PikeVM. Still linear in the text.
        regex::RegexBuilder::new(
            &r"(?x)
              (?:https?://|www\.)[^\s<>\x22)（）]+
            | [\w.+-]+(?:@|◎)[\w-]+(?:\.[\w-]+)+
            | (?i:doi) \s* [:：]? \s* 10\.\d{3,9}/\S+
            | (?-u:\b)10\.\d{4,9}/\S+
            | (?i:(?-u:\b)(?:PMID|PMCID|ISSN|ISBN|UMIN|NCT|jRCT|EudraCT)) \s* [:：]? \s* [A-Za-z]* \d[\d-]*
            | (?i:(?-u:\b)ISSN) [-A-Za-z]* [\s|:：]* (?: \d{4} - \d{3}[\dXx] (?: \s* [(（] [A-Za-z]+ [)）] )? [\s|,;]* )+
            | (?-u:\b) \d{13,} (?-u:\b)
            | 〒 [^\n]*
            | (?i:(?-u:\b)(?:TEL|FAX|phone|電話)) \s* [:：]? [\s\d()+-]*\d
            | (?: 図 | 表 ) \s* \d+ (?: \. \d+ )+ (?: \s* - \s* \d+ )?
            | (?:図|表|Figure|Figures|Fig\.?|Figs\.?|Table|Tables|Supplementary\x20Table|Panel) \s* S? \d+ [A-Za-z]?
            | [*＊※] \d+ | (?m: ^ ) [*＊※] \s+ \d+ | \s [*＊※] \s+ \d+
            | \) \d{1,3} \) (?: [,，、] \d{1,3} \) )*
            | \d{4} [a-z]? (?: \x20 [A-Z][a-z]{2} (?: \x20 \d{1,2} )? )? \s* ; \s* \d+ (?: \s* \( [\d-]+ \) )? \s* : \s* \d+ (?: \s* [-–] \s* \d+ )?
            | (?-u:\b)et\x20al\.? ,? \s* \(? \d{4}
            | (?m: ^ [\x20\t]* \(? \d{1,2} (?: \.\x20 | \) ) )
            | (?m: ^ [\x20\t]* \d{1,2} (?: \. \d{1,2} ){2,} )
            | (?m: ^ [\x20\t]* \d{1,2} \. \d{1,2} \x20+ [A-Z][a-z]+ \x20 (?: [A-Z][a-z]+ | (?: of | in | for | and | with | the ) \x20 [A-Z][a-z]+ ) )
            | (?:午前|午後) \s* \d{1,2} \s* 時 (?: \s* \d{1,2} \s* 分 )?
            | (?-u:\b)\d{1,2}:\d{2}(?-u:\b)
            | (?-u:\b) \d{2,5} - \d{2,4} - \d{3,4} (?-u:\b)
            | (?i: (?-u:\b) (?: phase | type | stage | grade | class | genotype | subtype | serotype )s? \x20 ) [IVX\d]+ [a-z]? (?: (?: \x20? , \x20? [IVX\d]+ [a-z]? )* ,? \x20? (?i: or | and | to | - | / ) \x20? [IVX\d]+ [a-z]? )? (?-u:\b)
            | (?i: (?-u:\b) per \x20 | / \x20? ) \d+ \x20? (?i: days? | weeks? | months? | years? | patient-years? | person-years? ) (?-u:\b)
            | / \x20? (?: m | cm | mm ) (?: \x20 | \x20? \^ ) [23] (?-u:\b)
            | (?: / | あたり | 当たり ) \s* PERSON_TIME
            | (?-u:\b) \d+ - (?i: component | item | domain | dimension | question | factor ) s? (?-u:\b)
            | (?i: (?-u:\b) (?: scored | rated | graded | scale \x20 of | scale \x20 from ) ) \s+ (?i: from \s+ )? \d+ \s* (?: = \s* [A-Za-z][\w\x20]{0,30}? \s+ )? (?i: to | - | – ) \s* \d+ (?-u:\b)
            | (?i: (?-u:\b) (?: score | scale | index ) s? ) [^.;\d]{0,30}? (?i: ranging | ranges? ) \s+ (?i: from \s+ )? \d+ \s* (?: = \s* [A-Za-z][\w\x20]{0,30}? \s+ )? (?i: to | - | – ) \s* \d+ (?-u:\b)
            | (?-u:\b) \d+ \s? = \s? [A-Za-z]{2}
            | (?-u:\b) \d+ (?: \. \d+ )? \s* (?i: to | - | – | ~ ) \s* [<≤＜] \s* \d+ (?: \. \d+ )? (?-u:\b)
            | [1１] \s* 日 \s* [\d０-９]+ \s* 回
            | [1１] \s* 回 \s* (?: 最大 | 量 | あたり | 当たり )
            | (?i: (?-u:\b) (?: cycles? | visits? | cohort | part | study | session | wave | definition | criterion | model | method | experiment | scenario | step | round | version ) \x20 ) [IVX\d]+ (?-u:\b)
            | (?-u:\b) (?: PASI | EASI | ACR | ASAS | SALT | HiSCR | SRI | MASI | mNAPSI ) [\x20-]? (?: 20 | 30 | 40 | 50 | 70 | 75 | 90 | 100 ) (?-u:\b)
            | [(（] \s* [A-Z][A-Za-z0-9]{1,9} \s* [,，] \s* (?: [<>≤≥＜＞] =? \s* )? \d+ (?: \.\d+ )? (?: \s* [–~-] \s* \d+ (?: \.\d+ )? )? \s* [A-Za-z%/]{0,8} \s* [)）]
            | (?: (?-u:\b) (?: Jan | Feb | Mar | Apr | May | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec ) [a-z]* \.? \x20 \d{1,2} (?: , \x20? \d{4} )? \x20? / \x20? (?i: PRNewswire | PRNewswire-FirstCall | Business \x20? Wire | GLOBE \x20 NEWSWIRE ) )
            | (?-u:\b) \d{1,2} (?: st | nd | rd | th )? (?: \x20? [-,] \x20? \d{1,2} (?: st | nd | rd | th )? )? \x20? (?i: centiles? | percentiles? ) (?-u:\b)
            | (?-u:\b) \d+ (?: st | nd | rd | th ) (?-u:\b)
            | (?: [^\d\s] \x20 | [(（] | (?m: ^ ) ) (?: January | February | March | April | May | June | July | August | September | October | November | December | (?: Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec ) \.? ) \x20 \d{1,2} (?: [.;:)] | \x20 [a-z(] | (?m: $ ) )
            | (?-u:\b) \d+ \x20? [*×] \x20? [\[(]
            | \d{1,2} \) \s* [~-] \s* \d{1,2} \)
            | (?: >=? | ≥ | ≧ | ＞ | (?i: at \x20 least | more \x20 than | greater \x20 than ) ) \s* \d+ (?: \.\d+ )? \s* (?: % | (?i: percent | points? ) )? \s* (?i: relative \s+ )? (?i: reduction | decrease | improvement | increase | decline | drop | fall | rise ) (?-u:\b)
            | (?-u:\b) \d+ (?: \.\d+ )? \s* (?: % | (?i: percent | points? ) ) \s+ (?i: or \s+ (?: more | greater | higher | above ) ) \s+ (?i: relative \s+ )? (?i: reduction | decrease | improvement | increase | decline | drop | fall | rise ) (?-u:\b)
            | (?i: reductions? | decreases? | improvements? | increases? | declines? | drops? | falls? | rises? | reduced | decreased | improved | increased | declined ) \s+ (?i: in \s+ [A-Za-z][\w\-.]{0,15} (?: \s+ [A-Za-z][\w\-.]{0,15} ){0,2} \s+ )? (?i: (?: of | by | in ) \s+ )? (?: (?: >=? | ≥ | ≧ | ＞ | (?i: at \x20 least | more \x20 than | greater \x20 than ) ) \s* \d+ (?: \.\d+ )? \s* (?: % | (?i: percent | points? (?-u:\b) ) )? | \d+ (?: \.\d+ )? \s* (?: % | (?i: percent | points? ) ) \s+ (?i: or \s+ (?: more | greater | higher | above ) ) (?-u:\b) )
            | \d+ (?: \.\d+ )? \s* (?: % | ポイント | 点 )? \s* 以上 \s* の? \s* (?: [\p{Han}\p{Katakana}ー]{1,8} \s* の \s* )? (?: 改善 | 減少 | 低下 | 増加 | 短縮 | 減量 | 体重減少 )
            | (?-u:\b) \d+ \s* [:：] \s* \d+ (?: \s* [-–] \s* \d+ )? \s* , \s* (?: 19 | 20 ) \d{2} (?-u:\b)
            | [\p{Han}\p{Katakana}\p{Hiragana}A-Za-z] \x20? [(（] \s* 0 \s* [-–~] \s* \d{1,3} \s* (?: (?i: points? | mm | cm ) \s* )? [)）]
            | [(（] \s* (?: 引用 | 文献 | (?i: refs? \.? | references? ) ) \s* \d+ (?: \s* [,、，-] \s* \d+ )* \s* [)）]
            | \d{4} \s* 年 \s* \d+ \s* 巻 (?: \s* \d+ \s* 号 )? (?: \s* (?: p\. | pp\. | 頁 ) \s* \d+ (?: \s* [-–] \s* \d+ )? )?
            | 第 \s* \d+ \s* (?:回|期|相|版|号|報|条|章|節|段落)
            | \d+ \s* 重
            | (?-u:\b) (?:Vol|vol|No|no|pp|p)\. \s* \d+ (?: \s* - \s* \d+ )?
            | (?-u:\b) \d [:：] \d (?: [:：] \d )* (?-u:\b)
            | (?i: (?-u:\b) (?: one | 1 ) \x20 of \x20 (?: two | three | four | five | six | \d ) \x20 (?: [a-z-]+ \x20 )? (?: treatments? | groups? | arms? | regimens? | doses? | dose \x20 levels | interventions? | sequences? | strategies ) (?-u:\b) )
            | (?i: significan(?:t|ce) ) [\x20A-Za-z]{0,25}? (?i: at | of | level | threshold | set \x20 at | was ) [\x20\t]* (?:an? \x20)? (?: (?i: (?: two-sided \x20 | two-tailed \x20 )? alpha | α ) (?i: \x20 level )? (?i: \x20 of )? [\x20\t]* | [(（]? [\x20\t]* [pP] [\x20\t]* (?: < | ≤ | <= | ＜ | = ) [\x20\t]* ) 0?\.\d+
            | [(（]? [pP] [\x20\t]* (?: < | ≤ | <= | ＜ ) [\x20\t]* 0?\.\d+ [)）]? [\x20\t]* (?: (?i: was | were | is ) [\x20\t]+ )? (?i: considered | regarded | taken | accepted | defined | set | indicated | denotes? | indicates? )
            | [pP] [\x20-]? (?i: values? ) [\x20\t]* (?: (?i: of | less \x20 than | below | under | (?: smaller | lower ) \x20 than ) | < | ≤ | <= | ＜ | = ) [\x20\t]* 0?\.\d+ [\x20\t]* (?: (?i: or \x20 (?: less | lower | below | smaller ) ) [\x20\t]* )? (?: (?i: was | were | is ) [\x20\t]+ )? (?i: considered | regarded | taken | accepted | defined | set | indicated | deemed | denotes? | indicates? )
            | [\p{Han}\p{Katakana}\p{Hiragana}A-Za-z] \x20? [(（] \s* (?: ≧ | ≥ | >= | ＞ | > | ≦ | ≤ | <= | ＜ | < ) \s* \d+ (?: \.\d+ )? \s* (?: % | ％ | [A-Za-zμµ/²]{1,12} ) \s* [)）]
            | [pP] [\x20\t]* (?: < | ≤ | <= | ＜ ) [\x20\t]* 0?\.\d+ [\x20\t]* (?: を | で | が | 未満を | 未満で ) [^。\n]{0,20}? 有意
            | (?: (?-u:\b) (?i: alpha ) | α ) (?i: \x20 level )? [\x20\t]* (?i: of | = | was | at | set \x20 at )? [\x20\t]* 0?\.\d+
            | 有意水準 [\x20\t]* (?: は | を )? [\x20\t]* (?:両側|片側)? [\x20\t]* 0?\.\d+
            | (?i: (?-u:\b) page ) \s* \d+ \s* (?: (?i: of ) | / ) \s* \d+
            | \d+ \s* 件中 \s* \d+ \s* (?: [~〜～\-–] \s* \d+ \s* )? 件? \s* を? \s* 表示
            | (?: 教授 | 准教授 | 助教授 | 講師 | 助教 | 助手 | 研究員 | 特任研究員 | 客員研究員 | 大学院生 | 部長 | 室長 | 医長 ) \s* [(（] \s* \d{8} \s* [)）]
            | (?: 課題番号 | 領域番号 | 研究者番号 ) [\s|:：]{0,8} \d{6,10}
            | (?i: (?-u:\b) (?: showing | displaying | results ) \x20 ) \d+ \s* (?: [-–] | (?i: to ) ) \s* \d+ \s* (?i: of ) \s* \d+
            | (?: (?m: ^ ) | [^月\d後目第~\x20.-] ) \d{1,2} 日 [,]
            | \x20 \d{1,2} \x20? 日 \x20 ロイター
            | \d+ \s* (?: 項目 | 症状 | 種類 | 領域 | 段階 | 分割 )
            | [0-9０-９] \s* [:：] \s* [\p{Han}\p{Katakana}\p{Hiragana}]
            | (?-u:\b) [0-9] \x20? : \x20? (?i: none | no \x20 | mild | moderate | severe | marked | slight | normal | absent | present | poor | fair | good | excellent | worse | unchanged | improved | much | minimal | complete )
            | \d+ \s* 点 \s* から \s* \d+ \s* 点 \s* (?: で | の \s* 範囲 )
            | (?-u:\b) \d+ \s* [(（] \s* \d+ \s* [)）] \s* [,，] \s* \d+ (?: \s* [-–] \s* \d+ )? \s* [(（] \s* (?: 19 | 20 ) \d{2} \s* [)）]
            | (?i: (?-u:\b) (?: volume | issue (?: \x20 number )? | number \x20 of \x20 pages | pages ) ) [\x20\t]* [|:：\t] [\x20\t]* \d+ (?: \s* [-–] \s* \d+ )?
            | (?i: (?-u:\b) pages? \x20? \( \x20? from \x20? - \x20? to \x20? \) ) [\x20\t|:：]* \d+ (?: \s* [-–] \s* \d+ )?
            | (?i: published ) [\x20\t:\-–]* (?: (?i: online ) \x20 )? (?: 19 | 20 ) \d{2} [\x20\t]* (?: (?m: $ ) | [|)]  )
            | (?-u:\b) \d[\d,]* \x20? (?i: citations? | views | downloads | reads ) (?-u:\b)
            | (?-u:\b) \d{1,2} \x20 (?i: groups | arms | cohorts ) (?-u:\b)
            | (?i: cited \x20 by ) \x20? \d+
            | (?-u:\b) (?: 90 | 95 | 99 ) \x20 (?i: confidence \x20 intervals? | CIs? ) (?-u:\b)
            | (?i: (?-u:\b) published ) [\x20\t:\-–]* (?: (?i: online ) \x20 )? (?: (?: January | February | March | April | May | June | July | August | September | October | November | December | Jan | Feb | Mar | Apr | Jun | Jul | Aug | Sep | Sept | Oct | Nov | Dec ) \.? \x20 \d{1,2} ,? \x20 \d{4} | \d{1,2} \x20 [A-Z][a-z]{2,8} \x20 \d{4} )
            | (?: [:;,：；、] \x20? | (?i: and | or ) \x20 ) [(（] [1-9] [)）] \x20? [A-Za-z\p{Han}\p{Katakana}]
            | \x20 [(（] [1-9] [)）] [\p{Katakana}\p{Han}--[例名人件回日週月年歳時分]]
            | (?-u:\b) \d+ [-\x20] (?i: point ) \x20 (?i: likert | scale | rating \x20 scale )
            | \d \s* 群 \s* (?: の間 | 間 | とも | ともに )
            | \d+ \s* 点満点
            | \d+ \s* 群 \s* に \s* (?: 分け | 分類 | 無作為 | 割り付け | 割付 )
            | (?i: (?-u:\b) into \x20 ) \d \x20 (?i: groups | arms ) (?-u:\b)
            | \d+ \s* 番目
            | (?-u:\b) \d+ \x20 (?i: years? ) (?: \x20 (?i: of \x20 age ) )? \x20 (?i: or | and ) \x20 (?i: older | over | above | younger | under ) (?-u:\b)
            | \d+ \s* 歳 \s* (?: 以上 | 以下 | 未満 )
            | \d \s* 型 \s* (?: 糖尿病 | DM )
            | \d+ \s* 分間? \s* 歩行
            | [1１] \s* (?: ヵ月 | か月 | カ月 | ヶ月 | ケ月 | 日 | 週 | 年 ) \s* (?: あたり | 当たり )
            | [βα] \d (?: - | \x20 )? (?i: agonists? | adrenergic | receptors? | 刺激薬 | 作動薬 )
            | \d+ \s* 点 \s* (?: 以上 | 以下 | 未満 ) \s* (?: は | が | を ) \s* (?: 正常 | 異常 )
            | (?-u:\b) [A-Z][A-Z-]{3,} \x20 \d{1,2} \x20 (?i: study | trial | studies | trials | program | extension ) (?-u:\b)
            | (?-u:\b) (?i: in ) \x20 [A-Z][A-Z-]{3,} \x20 \d{1,2} (?: [.,;)] | $ )
            | (?m: (?-u:\b) (?: [A-Z] \.? \x20 ){1,3} [A-Z][a-z'-]+ \x20? \d{1,2} (?: , \d{1,2} )* (?: ,? \* )? (?: , | $ ) )
            | (?i: (?-u:\b) (?: slips? | slid | falls? | fell | drops? | dropped | rises? | rose | jumps? | jumped | soars? | soared | climbs? | climbed | tumbles? | tumbled | plunges? | plunged | surges? | surged | sinks? | sank ) \x20 (?: (?: by | nearly | about | over | more \x20 than ) \x20 )? ) \d+ (?: \.\d+ )? \x20? % \x20 (?i: premarket | pre-market | after-hours | in \x20 (?: premarket | pre-market | early | after-hours | extended | morning | afternoon ) \x20 trading | on \x20 (?: the \x20 )? (?: Nasdaq | NYSE ) )
            | (?i: (?-u:\b) (?: shares | stock ) (?-u:\b) ) [^.%\d\n]{0,40}? (?i: (?-u:\b) (?: slipped | slid | fell | dropped | rose | jumped | soared | climbed | tumbled | plunged | surged | sank | gained | lost | were \x20 (?: up | down ) ) \x20 (?: (?: by | nearly | about | over | more \x20 than ) \x20 )? ) \d+ (?: \.\d+ )? \x20? %
            | (?: 配信日時 | 配信日 | 公開日 | 掲載日 | 発行日 | 更新日 | 発表日 ) \s* [:：]? \s* \d{4} [/年.-] \d{1,2} (?: [/月.-] \d{1,2} 日? )? (?: \s* \d{1,2} : \d{2} )?
            "
            .replace("PERSON_TIME", JAPANESE_PERSON_TIME),
        )
        .dfa_size_limit(64 << 20)
        .build()
        .expect("the not-data pattern is valid")
    })
}

/// A non-inferiority margin (`a 4% absolute non-inferiority margin`, `the non-inferiority
/// margin was 1.2 points`, `非劣性マージン(−1.0g/dL)`, `(Δ=5%)`): the design's threshold.
fn margin_pattern() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(
            r"(?x)
              (?i: non- ? \s? inferiority \s+ margin ) \s* (?: of | was | is | = | : )? \s* [(（]? \s* [-−]? \d+ (?: \.\d+ )? \s* %?
            | \d+ (?: \.\d+ )? \s* % \s* (?i: absolute \s+ )? (?i: non- ? \s? inferiority \s+ margin )
            | (?: 非劣性 | 同等性 ) マージン \s* (?: は | を | として | [(（:：] )? \s* [-−－]? \d+ (?: \.\d+ )?
            | [(（] \s* [Δδ] \s* [=＝] \s* [-−]? \d+ (?: \.\d+ )? \s* %? \s* [)）]",
        )
        .expect("the margin pattern is valid")
    })
}

/// Every byte of the document that is not data.
pub fn find(doc: &Sentences) -> Claims {
    let mut claims = Claims::new(doc.original.len());
    let text = &doc.plain.text;
    for m in margin_pattern().find_iter(text) {
        claims.claim(doc.plain.original_span(m.range()));
    }
    for m in patterns().find_iter(text) {
        let mut range = m.range();
        // `1:5.1` is a label and a value (`group 1:5.1`), not a ratio of small numbers.
        let ratio = m.as_str().contains([':', '：'])
            && m.as_str()
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '：');
        // A bracket that opens with a statistic's name holds that statistic (`(SE, 0.2%)`,
        // `(IQR, 4-10)`), not an outcome's definition.
        let bracket_word = m.as_str().strip_prefix(['(', '（']).map(|rest| {
            rest.trim_start()
                .split([',', '，'])
                .next()
                .unwrap_or("")
                .trim()
        });
        if bracket_word.is_some_and(|w| {
            [
                "SD", "SE", "SEM", "IQR", "CI", "CrI", "HR", "OR", "RR", "Range", "Mean", "Median",
                "P", "N", "Q1", "Q3",
            ]
            .iter()
            .any(|s| s.eq_ignore_ascii_case(w))
        }) {
            continue;
        }
        let after = &text[m.end()..];
        let decimals_after =
            after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit());
        if ratio && decimals_after {
            continue;
        }
        // Nor the decimals of a value before it and a value after it (`73.9±9.2:70±6.5`, two
        // groups' values set against each other): a ratio's terms are whole numbers standing
        // alone.
        let before = &text[..m.start()];
        let decimals_before = before.ends_with('.')
            && before[..before.len() - 1].ends_with(|c: char| c.is_ascii_digit());
        if ratio && (decimals_before || after.starts_with(['±', '(', '（'])) {
            continue;
        }
        // A mark glued to a cell's decimal value (`(OFF medication)*38.5 (11.4)`): a
        // footnote's number is whole.
        if decimals_after && m.as_str().starts_with(['*', '＊', '※']) {
            continue;
        }
        // A category's number and its count (`要支援1:7名`, `grade 2: 4 patients`): the label
        // is the category's, the count after the colon is data. No ratio is followed by a
        // count's noun.
        if ratio {
            let counted = after.trim_start();
            let counts = ["名", "例", "人", "件", "症例"]
                .iter()
                .any(|w| counted.starts_with(w))
                || ["patients", "participants", "subjects", "cases", "people"]
                    .iter()
                    .any(|w| counted.to_lowercase().starts_with(w));
            if counts {
                if let Some(colon) = m.as_str().find([':', '：']) {
                    range = m.start()..m.start() + colon;
                }
            }
        }
        // A list of categories whose last number is a percentage (`6% genotype 5, and 7%
        // genotype 6`) is no list: only the category's own number is a label.
        if text[m.end()..].trim_start().starts_with(['%', '％']) {
            let first_number_end = m.as_str().find(|c: char| c.is_ascii_digit()).map(|k| {
                let rest = &m.as_str()[k..];
                k + rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len())
            });
            if let Some(end) = first_number_end {
                range = m.start()..m.start() + end;
            }
        }
        claims.claim(doc.plain.original_span(range));
    }
    entry_criteria(doc, &mut claims);
    group_numbers(doc, &mut claims);
    groups_by_a_bound(doc, &mut claims);
    bounded_percentages(doc, &mut claims);
    design_percentages(doc, &mut claims);
    snellen_acuities(doc, &mut claims);
    quality_ratings(doc, &mut claims);
    responder_rate_names(doc, &mut claims);
    reference_list(doc, &mut claims);
    date_of_issue(doc, &mut claims);
    medline_fields(doc, &mut claims);
    identifiers(doc, &mut claims);
    claims
}

/// Identifiers: runs of 16 ASCII letters and digits or more that switch between them four
/// times or more (a hash or a record's id, `Epistemonikos ID: 3e9ce0b992d47ffb…`, whose head
/// reads otherwise as `3e9`). A value glued to its unit (`2000units`) or to a measure's name
/// (`HbA1c6.8`) switches far less.
fn identifiers(doc: &Sentences, claims: &mut Claims) {
    static RUN: OnceLock<Regex> = OnceLock::new();
    let run =
        RUN.get_or_init(|| Regex::new(r"[A-Za-z0-9]{16,}").expect("the run pattern is valid"));
    for m in run.find_iter(doc.original) {
        let switches = m
            .as_str()
            .as_bytes()
            .windows(2)
            .filter(|w| w[0].is_ascii_digit() != w[1].is_ascii_digit())
            .count();
        if switches >= 4 {
            claims.claim(m.range());
        }
    }
}

/// A record in PubMed's MEDLINE format (`PMID- 12442882 OWN - NLM … LR - 20190910 IS -
/// 0300-7995 (Print) VI - 18 IP - 6 DP - 2002 … PG - 347-54 AB - …`): each field's tag, its
/// dash (no minus) and its value, the record's dates, ISSN, volume, issue and pages, but the
/// abstract's and the title's (`AB`, `TI`), which hold the report. Read where three or more
/// such tags stand in the document, as a record prints them.
fn medline_fields(doc: &Sentences, claims: &mut Claims) {
    static FIELD: OnceLock<Regex> = OnceLock::new();
    let field = FIELD.get_or_init(|| {
        Regex::new(
            r"(?m)(?:^|\s)(?:PMID|OWN|STAT|DCOM|LR|IS|VI|IP|DP|PG|LID|AID|EDAT|MHDA|CRDT|PHST|DEP|PST|SO|JID)\s*-\s+\S+(?:\s+\((?:Print|Linking|Electronic)\))?",
        )
        .expect("the MEDLINE field pattern is valid")
    });
    let text = &doc.plain.text;
    let found: Vec<std::ops::Range<usize>> = field.find_iter(text).map(|m| m.range()).collect();
    if found.len() < 3 {
        return;
    }
    for range in found {
        claims.claim(doc.plain.original_span(range));
    }
}

/// A news item's or press release's date of issue: a full date alone on its line among the
/// document's first lines, with at most a short source name beside it (`2020年3月6日  Lancet`,
/// `(2010年7月28日 共同通信社)`, `November 29, 2010`). The day the report was printed, not a
/// date of the trial.
fn date_of_issue(doc: &Sentences, claims: &mut Claims) {
    static LINE: OnceLock<Regex> = OnceLock::new();
    let line = LINE.get_or_init(|| {
        Regex::new(
            r"^[\x20\t(（]*(?:(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:January|February|March|April|May|June|July|August|September|October|November|December)\x20\d{1,2},\x20(?:19|20)\d{2})[^。.\n\d]{0,20}$",
        )
        .expect("the date of issue is valid")
    });
    let mut at = 0;
    for (k, text) in doc.original.split_inclusive('\n').enumerate() {
        let start = at;
        at += text.len();
        if k > 7 {
            break;
        }
        if line.is_match(text.trim_end()) {
            claims.claim(start..start + text.trim_end().len());
        }
    }
}

/// A reference list: from its heading on a line of its own (`References`, `参考文献`, `【引用】`)
/// to the end of the document, every number is a citation's (volume, pages, year, a
/// package insert's section number), not the report's.
fn reference_list(doc: &Sentences, claims: &mut Claims) {
    static HEADING: OnceLock<Regex> = OnceLock::new();
    let heading = HEADING.get_or_init(|| {
        Regex::new(
            r"(?m)^[\x20\t]*(?:【\s*(?:引用|引用文献|参考文献|文献)\s*】|(?:References|REFERENCES|Bibliography|Literature\x20cited|参考文献|引用文献)[\x20\t]*:?)[\x20\t]*$",
        )
        .expect("the reference heading is valid")
    });
    if let Some(m) = heading.find(doc.original) {
        claims.claim(m.start()..doc.original.len());
    }
}

/// The thresholds of a trial's entry criteria (`主な組入れ基準は、1回排尿量50mL以上、残尿量100mL
/// 未満`, `Inclusion criteria were age ≥ 18 years and an EDSS of at least 2.0`): who could
/// enter, not what was found. Read only in a sentence that names the criteria, and only the
/// numbers a comparison bounds (`≥ 18`, `at least 2.0`, `50mL以上`), with a per-unit `1回` or
/// `1日` before a quantity.
fn entry_criteria(doc: &Sentences, claims: &mut Claims) {
    static NAMES: OnceLock<Regex> = OnceLock::new();
    static BOUNDED: OnceLock<Regex> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        Regex::new(
            r"(?i:inclusion\x20criteri|exclusion\x20criteri|eligibility\x20criteri|were\x20eligible|eligible\x20patients\x20(?:had|were)|組入れ基準|組み入れ基準|選択基準|除外基準|登録基準|適格基準|主な基準)",
        )
        .expect("the criteria names are valid")
    });
    let bounded = BOUNDED.get_or_init(|| {
        Regex::new(
            r"(?x)
              (?: [≥≤><＞＜≧≦] =? | (?i: at \x20 least | more \x20 than | less \x20 than | greater \x20 than | fewer \x20 than | no \x20 more \x20 than ) ) \s* \d+ (?: [.,]\d+ )*
            | \d+ (?: [.,]\d+ )* \s* [^\s\d,、。;；]{0,6}? \s* (?: 以上 | 以下 | 未満 | 超 )
            | [1１] \s* (?: 回 | 日 )",
        )
        .expect("the bounded pattern is valid")
    });
    for sentence in &doc.sentences {
        let text = &doc.original[sentence.span.clone()];
        if !names.is_match(text) {
            continue;
        }
        for m in bounded.find_iter(text) {
            let start = sentence.span.start + m.start();
            claims.claim(start..sentence.span.start + m.end());
        }
    }
}

/// A percentage printed as a bound in Japanese (`5%以上`, `7.0%未満`, `0.5%以下`, `10%超`)
/// names a class of patients, events or changes: the threshold of a responder count (`5%以上
/// の体重減少を達成した参加者`, a row `5%以上:1,047名[86.4%]`), a target (`HbA1c 7%未満を達
/// 成`), the frequency that selects an adverse-event table's rows (`発現率5%以上`), a list of
/// such bounds (`5%以上、10%以上`). It is then a criterion, not a result, and no group's share.
/// A bound that is itself what was found is followed by its subject's particle or a
/// comparison (`患者の80%以上が改善`, `5%以上高い`, `10%以上あった`): those stay data.
fn bounded_percentages(doc: &Sentences, claims: &mut Claims) {
    static BOUND: OnceLock<Regex> = OnceLock::new();
    let bound = BOUND.get_or_init(|| {
        Regex::new(r"\d+(?:\.\d+)?\s*[%％]\s*(?:以上|以下|未満|超)")
            .expect("the bounded percentage is valid")
    });
    let text = &doc.plain.text;
    for m in bound.find_iter(text) {
        let after = text[m.end()..].trim_start();
        let found = [
            "が", "は", "に", "で", "と", "も", "高", "低", "多", "少", "上回", "下回", "あ", "増",
            "減", "改善", "達成", "であ",
        ]
        .iter()
        .any(|w| after.starts_with(w));
        if !found {
            claims.claim(doc.plain.original_span(m.range()));
        }
    }
}

/// A rating of a report's quality out of its scale's points (`PEDro score 6/10`, `Jadad 3/5`,
/// `6/10 [Eligibility criteria: Yes; Random allocation: Yes; …]`): a database's or a review's
/// score of the trial, printed after the scale's name or before the list of criteria it
/// counts (answered yes or no), never a count of people out of a whole.
fn quality_ratings(doc: &Sentences, claims: &mut Claims) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(
            r"(?ix)
              (?: pedro | jadad | newcastle[-\s]ottawa | \bnos\b | quality \s+ (?:score|rating) | methodological \s+ quality )
              [^\d\n]{0,20} (?P<a> \d{1,2} \s* / \s* \d{1,2} ) (?: $ | [^\d/] )
            | (?P<b> \b\d{1,2} \s* / \s* \d{1,2} ) \s* [\[(] [^\]\n)]{0,60} : \s* (?: yes | no ) \s* [;,]",
        )
        .expect("the quality rating pattern is valid")
    });
    let text = &doc.plain.text;
    for c in p.captures_iter(text) {
        if let Some(m) = c.name("a").or(c.name("b")) {
            claims.claim(doc.plain.original_span(m.range()));
        }
    }
}

/// Snellen acuities (`20/20 or better`, `20/40`, `improved to 6/6`): a numerator of 20 feet or 6
/// metres over the size of the line read, in a text that speaks of acuity (`visual acuity`,
/// `VA`, `BCVA`, `Snellen`, `視力`) within a few lines before. A line of the chart, the bound of
/// a category of vision, never a count of people out of a whole.
fn snellen_acuities(doc: &Sentences, claims: &mut Claims) {
    static SNELLEN: OnceLock<Regex> = OnceLock::new();
    static ACUITY: OnceLock<Regex> = OnceLock::new();
    let snellen = SNELLEN.get_or_init(|| {
        Regex::new(r"(?:^|[^\d./])(?P<f>(?:20/\d{2,3}|6/\d{1,2}))(?:$|[^\d./])")
            .expect("the Snellen pattern is valid")
    });
    let acuity = ACUITY.get_or_init(|| {
        Regex::new(r"(?i)\b(?:visual\s+acuity|acuity|snellen|b?cva|va|vision)\b|視力")
            .expect("the acuity pattern is valid")
    });
    let text = &doc.plain.text;
    for c in snellen.captures_iter(text) {
        let f = c.name("f").expect("the fraction");
        let from = text[..f.start()]
            .char_indices()
            .rev()
            .nth(300)
            .map_or(0, |(i, _)| i);
        if acuity.is_match(&text[from..f.start()]) {
            claims.claim(doc.plain.original_span(f.range()));
        }
    }
}

/// Percentages a report prints of its design or of an intervention, never of its patients:
/// - a significance level (`有意水準両側5%`, `有意水準は5%とした`, `危険率5%で`, `a level of
///   statistical significance of 1%`, `at the 5% level`) and a study's power (`検出力90%`,
///   `80% power`, `a power of 90%`): the test's rules, as `α = 0.05` is;
/// - an exercise's intensity (`最大酸素摂取量(VO2max)の50%の運動`, `60% of maximal heart rate`,
///   `70% of 1RM`): the dose of the exercise;
/// - a threshold named as one (`閾値…20%`, `目標…20%`, `a prespecified threshold of 30%`,
///   `(SAP specified 60%)`): the benchmark a result is set against.
fn design_percentages(doc: &Sentences, claims: &mut Claims) {
    static DESIGN: OnceLock<Regex> = OnceLock::new();
    let design = DESIGN.get_or_init(|| {
        Regex::new(
            r"(?x)
              (?: 有意水準 | 危険率 ) [^。\d]{0,10}? (?P<a> \d+ (?: \.\d+ )? \s* [%％] )
            | (?i: significance (?: \x20 level )? | level \x20 of \x20 (?: statistical \x20 )? significance ) \x20 (?i: of | was | at | set \x20 at ) \x20 (?P<b> \d+ (?: \.\d+ )? \s* % )
            | (?i: at \x20 the \x20 ) (?P<c> \d+ (?: \.\d+ )? \s* % ) \x20 (?i: (?: significance \x20 )? level )
            | 検出力 \s* (?: は | を | が )? \s* (?P<d> \d+ (?: \.\d+ )? \s* [%％] )
            | (?i: power \x20 (?: of \x20 | was \x20 | = \x20? )? ) (?P<e> \d+ (?: \.\d+ )? \s* % )
            | (?P<f> \d+ (?: \.\d+ )? \s* % ) \x20 (?i: power ) (?-u:\b)
            | (?: (?i: VO2 \x20? max | VO2 \x20? peak | peak \x20 VO2 ) | 最大酸素摂取量 | 最大心拍数 | 予備心拍数 | 心拍予備能 | (?-u:\b) 1RM | HRmax | HRR ) (?: \s* [(（] [^)）]{1,15} [)）] )? \s* の \s* (?P<g> \d+ (?: \s* [~〜～-] \s* \d+ )? \s* [%％] )
            | (?P<h> \d+ (?: \s* [-–~] \s* \d+ )? \s* % ) \x20 (?i: of \x20 (?: (?: the \x20 )? (?: age-predicted \x20 )? (?: maximal | maximum | max | peak ) \x20 (?: heart \x20 rate | oxygen \x20 uptake | VO2 ) | heart \x20 rate \x20 reserve | VO2 \x20? (?: max | peak ) | (?: one-repetition \x20 maximum | 1RM ) ) )
            | (?: 閾値 | 目標値 | 目標 | 期待値 | 帰無仮説 | 閾 ) [^。、,群%％]{0,25}? (?P<j> \d+ (?: \.\d+ )? \s* [%％] )
            | (?i: (?: pre-?specified | pre-?defined | SAP \x20 specified ) \x20 (?: threshold \x20 (?: of \x20 )? )? | threshold \x20 (?: of \x20 | was \x20 )? ) (?P<k> \d+ (?: \.\d+ )? \s* % )
            ",
        )
        .expect("the design percentage is valid")
    });
    let text = &doc.plain.text;
    for c in design.captures_iter(text) {
        let Some(p) = c.iter().skip(1).flatten().next() else {
            continue;
        };
        claims.claim(doc.plain.original_span(p.range()));
    }
}

/// A percentage that names a responder rate by its threshold, printed right before the rate's
/// noun (`50%反応率`, `50%レスポンダー率`, `a 75% responder rate`), with the thresholds listed
/// before it (`50%、75%及び100%反応率`, `50%, 75% and 100% responder rates`): which responders
/// are counted, not how many. A rate printed after its noun (`反応率は62%`) is data.
fn responder_rate_names(doc: &Sentences, claims: &mut Claims) {
    static NAMED: OnceLock<Regex> = OnceLock::new();
    let named = NAMED.get_or_init(|| {
        Regex::new(
            r"(?:\d+(?:\.\d+)?\s*[%％]\s*(?:[、,，]\s*|\s*(?:及び|および|と|and|or)\s*|,\s*(?:and|or)\s+))*\d+(?:\.\d+)?\s*[%％]\s*(?:反応率|レスポンダー|(?i:responders?\b))",
        )
        .expect("the responder rate's name is valid")
    });
    static PERCENT: OnceLock<Regex> = OnceLock::new();
    let percent = PERCENT
        .get_or_init(|| Regex::new(r"\d+(?:\.\d+)?\s*[%％]").expect("a percentage is valid"));
    let text = &doc.plain.text;
    for m in named.find_iter(text) {
        for p in percent.find_iter(m.as_str()) {
            let start = m.start() + p.start();
            claims.claim(doc.plain.original_span(start..m.start() + p.end()));
        }
    }
}

/// The number (or numbers) that name a group after its noun: `Arm 1`, `Group 2`, `groups 1 and
/// 2`, `Cohort II`, as a protocol numbers its arms. The noun is capitalised as a name is, or
/// stands where a name stands (after `in`, `to`, `and`, `vs`, `the`, a bracket or a line's
/// start: `randomised to group 1 or group 2`); a count after a group's name (`in the placebo
/// group 3 patients withdrew`, `the control group 12 (40%)`) is data, so a number followed by
/// a count's noun or a unit, or after a group's own name, is left alone.
fn group_numbers(doc: &Sentences, claims: &mut Claims) {
    static NUMBERED: OnceLock<Regex> = OnceLock::new();
    static COUNTED: OnceLock<Regex> = OnceLock::new();
    let numbered = NUMBERED.get_or_init(|| {
        Regex::new(
            r"(?i)(?-u:\b)(?P<noun>arms?|groups?|cohorts?)\x20(?P<numbers>(?:\d{1,2}|[IVX]{1,4})(?:(?:\x20?,\x20?|\x20?(?:and|or|to|-|/)\x20?)(?:\d{1,2}|[IVX]{1,4}))*)(?-u:\b)",
        )
        .expect("the numbered group pattern is valid")
    });
    let counted = COUNTED.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:%|[.,]\d|(?:patients?|participants?|subjects?|cases|children|people|persons|women|men|deaths?|events?|individuals|infants|adults|eyes|mg|g|kg|ml|weeks?|days?|months?|years?|hours?|times|of|out)\b)",
        )
        .expect("the counted pattern is valid")
    });
    let text = &doc.plain.text;
    for c in numbered.captures_iter(text) {
        let (noun, mut numbers) = (&c["noun"], c.name("numbers").expect("the numbers").range());
        // A list running into a value (`in Arm 1 and 43.7%`) names only its first number.
        if counted.is_match(&text[numbers.end..]) {
            let first = text[numbers.clone()]
                .find(|ch: char| !ch.is_ascii_alphanumeric())
                .map_or(numbers.end, |k| numbers.start + k);
            if first == numbers.end || counted.is_match(&text[first..]) {
                continue;
            }
            numbers.end = first;
        }
        let before = text[..c.get(0).expect("the match").start()].trim_end();
        let word_before = before
            .rsplit(|ch: char| ch.is_whitespace())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // After a line's start or a mark (a bracket, a comma, 、), or after one of these words.
        let in_a_names_place = !before
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
            || [
                "in", "to", "and", "or", "of", "vs", "vs.", "versus", "the", "for", "from",
                "between", "with", "than", "into", "as", "both",
            ]
            .contains(&word_before.as_str());
        let capitalised = noun.starts_with(char::is_uppercase);
        if capitalised || in_a_names_place {
            claims.claim(doc.plain.original_span(numbers));
        }
    }
}

/// The bound in a Japanese group's name that sets the group by a threshold (`5000歩以上群`,
/// `65歳未満の群`, `BMI25以上群`, `歩数5000歩以上を示した群` is no name): the category's bound,
/// printed again with every value of the group, not a result.
fn groups_by_a_bound(doc: &Sentences, claims: &mut Claims) {
    static P: OnceLock<Regex> = OnceLock::new();
    let p = P.get_or_init(|| {
        Regex::new(r"(?P<n>\d+(?:\.\d+)?)\s*[^\s\d、。，,()（）群]{0,4}(?:以上|以下|未満|超|以内)の?(?:群|グループ)")
            .expect("the bounded group pattern is valid")
    });
    let text = &doc.plain.text;
    for c in p.captures_iter(text) {
        claims.claim(
            doc.plain
                .original_span(c.name("n").expect("the bound").range()),
        );
    }
}

/// Whether the number at `at` of `plain` (`b1`: the character before it), right after a word,
/// is a value a table's row glued to its label, not part of a name:
/// - a signed decimal (`baseline−0.1`): names carry whole numbers (IL-6, COVID-19);
/// - a decimal with its spread or interval after it (`sham CPAP5.6 (4.4 to 6.8)`,
///   `years52.10 ± 9.80`): a name carries no spread (`PM2.5 (μg/m3)` still names, and
///   `v.33(2)` is a volume and its issue: a point glued to a letter opens no value).
fn a_value_glued_to_a_word(plain: &str, at: std::ops::Range<usize>, b1: Option<char>) -> bool {
    let t = plain[at.clone()].trim_end();
    let signed_decimal = (t.starts_with(['-', '+']) || b1 == Some('-')) && t.contains('.');
    let rest = plain[at.end..].trim_start();
    let bracket_number = rest
        .strip_prefix(['(', '['])
        .map(|r| r.trim_start_matches(['-', '−', '–', ' ']))
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let decimal_with_spread = t.starts_with(|c: char| c.is_ascii_digit())
        && t.contains('.')
        && (rest.starts_with('±') || bracket_number);
    signed_decimal || decimal_with_spread
}

/// Is the number at `start..end` of `plain` part of a name: right after a Latin letter
/// (G93A, CL2020, PMC4266079), after a letter and a hyphen or underscore (IL-6, SSEA-3,
/// press_r5), or a footnote mark (a digit and a closing bracket straight after a word:
/// 細胞1）, スコア2）)?
pub fn inside_name(plain: &str, start: usize, end: usize) -> bool {
    // A number as matched may begin with the space before it.
    let start = start + (plain[start..end].len() - plain[start..end].trim_start().len());
    let before = &plain[..start];
    let mut back = before.chars().rev();
    let b1 = back.next();
    let b2 = back.next();
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    // A unit per a number of hours or days is a dose (`200 mg/24 hours`), not a name.
    let per_time = b1 == Some('/')
        && plain[end..].trim_start().starts_with(['h', 'd', 'w'])
        && plain[end..].starts_with(' ');
    let glued_value = a_value_glued_to_a_word(plain, start..end, b1);
    let unit_pair = b1 == Some('/') && same_unit_around_a_slash(before, &plain[end..]);
    let joined = matches!(b1, Some('-' | '_' | '/')) && letter(b2) && !per_time && !unit_pair;
    if (letter(b1) || joined) && !glued_value {
        return true;
    }
    // The last part of a code of letters and digits joined by hyphens (`FX2016-40`,
    // `ABC123-07`): the word before the hyphen holds a letter and ends in a digit.
    if b1 == Some('-') {
        let word: String = before[..before.len() - 1]
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if word.starts_with(|c: char| c.is_ascii_digit())
            && word.chars().any(|c| c.is_ascii_alphabetic())
        {
            return true;
        }
    }
    // A number after a katakana word (one space allowed) and not followed by a unit or
    // counter is part of the word's name: アクアポリン 4 抗体, インターロイキン 6（IL-6）; but
    // トシリズマブ 8mg/kg is a dose.
    let katakana = |c: char| ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー';
    let word_before = before.trim_end().chars().next_back();
    if word_before.is_some_and(katakana) {
        let next = plain[end..].trim_start_matches(' ').chars().next();
        let unit = next.is_some_and(|c| {
            c.is_ascii_alphanumeric() || "%.名例人匹頭件回歳日週年月ヶカか万倍度点".contains(c)
        });
        if !unit {
            return true;
        }
    }
    if subscript_in_brackets(plain, start) {
        return true;
    }
    // A whole number with a leading zero is a code (0323, 070), not a quantity.
    let digits = &plain[start..end];
    if digits.len() >= 2 && digits.starts_with('0') && digits.as_bytes()[1].is_ascii_digit() {
        return true;
    }
    // A whole number glued to a bracket of capitals and a letter after it names a molecule
    // (`25(OH)D`, `1,25(OH)2D3`, `7(S)-HDHA`): the locant of the group in brackets.
    let after = &plain[end..];
    if let Some(inner) = after.strip_prefix('(').and_then(|r| r.split_once(')')) {
        let (group, rest) = inner;
        let whole = plain[start..end]
            .trim()
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',');
        if whole
            && !group.is_empty()
            && group.chars().all(|c| c.is_ascii_uppercase())
            && rest.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '-')
        {
            return true;
        }
    }
    // A number followed by a Latin letter and then a digit is an identifier (3T3, 1A2).
    let mut fwd = after.chars();
    let (a1, a2) = (fwd.next(), fwd.next());
    if letter(a1) && a2.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    // Footnote mark: word character, digits, ')' with no '(' open on the line.
    if a1 == Some(')')
        && b1.is_some_and(|c| c.is_alphabetic() && !c.is_ascii())
        && !before
            .rsplit('\n')
            .next()
            .unwrap_or("")
            .rsplit(')')
            .next()
            .unwrap_or("")
            .contains('(')
    {
        return true;
    }
    false
}

/// Two values of one unit joined by a slash (`20.5 mmHg/10.2 mmHg`: systolic over diastolic):
/// the unit before the slash (`before` ends with it and the slash) returns right after the
/// number (`after` starts after it), which a name's digits never do (`A/H1N1/09`).
fn same_unit_around_a_slash(before: &str, after: &str) -> bool {
    let Some(head) = before.strip_suffix('/') else {
        return false;
    };
    let unit_before = &head[head
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len()..];
    let after = after.trim_start();
    let unit_after = &after[..after.len()
        - after
            .trim_start_matches(|c: char| c.is_ascii_alphabetic())
            .len()];
    !unit_before.is_empty() && unit_before == unit_after
}

/// Is the number at byte `start` of `plain` a subscript printed in a bracket glued to its
/// name's capital letter (`HbA(1c)`, `FEV(1)`, `PaO(2)`, `CD(4)`, as PubMed prints
/// subscripts): one digit, with a letter or not, after a word of two letters at least? A
/// statistic's one letter before its df (`F(4)`, `t(28)`) is no name, and a count glued to a
/// name is lower case before it (`placebo(12)`) or longer.
fn subscript_in_brackets(plain: &str, start: usize) -> bool {
    let mut back = plain[..start].chars().rev();
    let (b1, b2, b3) = (back.next(), back.next(), back.next());
    let letter = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic());
    if b1 != Some('(') || !b2.is_some_and(|c| c.is_ascii_uppercase()) || !letter(b3) {
        return false;
    }
    let inner: String = plain[start..]
        .chars()
        .take_while(|&c| c != ')' && c != '\n')
        .take(3)
        .collect();
    let closes = plain[start..]
        .get(inner.len()..)
        .is_some_and(|r| r.starts_with(')'));
    let digits = inner.chars().filter(|c| c.is_ascii_digit()).count();
    closes && digits == 1 && inner.len() <= 2 && inner.chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quality_rating_out_of_its_scales_points_is_no_share() {
        let items = crate::draft::read_document(&crate::draft::Sentences::new(
            "| 6/10 [Eligibility criteria: Yes; Random allocation: Yes; Concealed allocation: No;] |\nThe PEDro score was 7/10. Responders were 12/40 in the drug group.",
        ));
        let texts: Vec<&str> = items.iter().map(|i| i.text.trim()).collect();
        assert_eq!(texts, ["12/40"]);
    }

    #[test]
    fn a_record_ids_digits_are_no_numbers() {
        let items = crate::draft::read_document(&crate::draft::Sentences::new(
            "Epistemonikos ID: 3e9ce0b992d47ffb130fcc1113a79dcc5c3a20a3. Each took 2000units daily for 12 weeks.",
        ));
        let texts: Vec<&str> = items.iter().map(|i| i.text.trim()).collect();
        assert!(!texts.iter().any(|t| t.starts_with("3e9")), "{texts:?}");
        assert!(texts.contains(&"2000"), "{texts:?}");
    }

    #[test]
    fn labels_responder_criteria_outcome_definitions_and_datelines_are_not_data() {
        // Made-up numbers in the forms reports print.
        let text = "BOSTON, July 31 /PRNewswire/ -- Early response by Definition 1 was 60%; PASI 75 was reached by 41% and ACR 20 by 30%. Time in range (TIR, 70–180 mg/dL) rose to 71.2%; time below range (TBR, <70 mg/dL) was 1.1%. HbA1c fell −1.9% (SE, 0.2%).";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "July 31 /PRNewswire",
            "Definition 1",
            "PASI 75",
            "ACR 20",
            "(TIR, 70–180 mg/dL)",
            "(TBR, <70 mg/dL)",
        ] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        for data in ["60%", "41%", "30%", "71.2%", "1.1%", "0.2%"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_categorys_number_before_its_count_is_a_label_and_the_count_data() {
        // Made-up numbers in a Japanese breakdown (the fiftieth trial's doc 04: `要支援1:7名`):
        // `1:7` was claimed whole as an allocation ratio, and the count lost. An allocation
        // ratio stays one (`2:1に無作為化`).
        let text = "介護度は要支援1:7名、要支援2:10名、要介護1:9名。2:1に無作為化した。";
        let claims = find(&Sentences::new(text));
        let claimed = |n: &str, nth: usize| {
            let at = text.match_indices(n).nth(nth).unwrap().0;
            claims.any(at..at + n.len())
        };
        assert!(claimed("1", 0), "the category's number");
        assert!(!claimed("7名", 0) && !claimed("10名", 0) && !claimed("9名", 0));
        assert!(claimed("2:1に", 0), "the allocation ratio");
    }

    #[test]
    fn a_decimal_glued_to_a_word_with_its_spread_after_it_is_a_value() {
        // Made-up cells of a glued table (the fiftieth trial's doc 06: `sham CPAP5.6 (4.4 to
        // 6.8)`, the arm's first value lost); names and references stay names.
        let at = |text: &str, n: &str| {
            let k = text.find(n).unwrap();
            inside_name(text, k, k + n.len())
        };
        assert!(!at("Active then sham CPAP5.6 (4.4 to 6.8)*3.5", "5.6"));
        assert!(!at("Age, years52.10 ± 9.80", "52.10"));
        assert!(at("PM2.5 (μg/m3)", "2.5"));
        assert!(at("Korean J Pain > v.33(2) > 1159144", ".33"));
        assert!(at("the CL2020 strain", "2020"));
    }

    #[test]
    fn two_values_of_one_unit_joined_by_a_slash_are_no_name() {
        // Systolic over diastolic, each with its unit (made-up numbers); a strain's name and
        // a dose per a time keep their readings.
        let at = |text: &str, n: &str| {
            let k = text.find(n).unwrap();
            inside_name(text, k, k + n.len())
        };
        let text = "fell by 20.5 mmHg/10.2 mmHg; 27.4mmHg/16.3mmHg";
        assert!(!at(text, "10.2") && !at(text, "16.3"));
        assert!(at("the A/H1N1/09 strain", "09"));
        assert!(at("the H3N2/2 strain", "2"));
    }

    #[test]
    fn a_medline_records_fields_are_no_data_but_its_abstract_is() {
        // A made-up record in PubMed's MEDLINE format, its fields on one line as a page copies
        // them.
        let text = "PMID- 10000001 OWN - NLM STAT- MEDLINE LR - 20190910 IS - 0300-7995 (Print) VI - 18 IP - 6 DP - 2002 TI - A trial. PG - 347-54 AB - In 40 patients pain fell by 2.1 points (p = 0.03).";
        let claims = find(&Sentences::new(text));
        for not in ["20190910", "0300-7995", "VI - 18", "IP - 6", "347-54"] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        for data in ["40", "2.1", "0.03"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
        // A tag or two make no record: `IS - 5` alone in a sentence keeps its number.
        let text = "Visual acuity IS - 5 letters.";
        let claims = find(&Sentences::new(text));
        assert!(!claims.any(text.find('5').unwrap()..text.find('5').unwrap() + 1));
    }

    #[test]
    fn a_run_of_thirteen_digits_or_more_is_an_identifier() {
        // A record's id on a library's page (made up), beside a count of patients.
        let text = "- CRID\n- 1390001205700000000\n65 patients were enrolled.";
        let claims = find(&Sentences::new(text));
        let at = text.find("1390").unwrap();
        assert!(claims.any(at..at + 19));
        let at = text.find("65").unwrap();
        assert!(!claims.any(at..at + 2));
    }

    #[test]
    fn the_bound_in_a_groups_name_is_no_data_and_the_groups_values_are() {
        // Made-up values of groups set by a threshold of steps.
        let text =
            "年齢は5000歩未満群 62.6±8.8歳、5000歩以上群64.0±4.1歳であった。65歳以上の群は12例。";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for (name, len) in [("5000歩未満", 4), ("5000歩以上", 4), ("65歳以上", 2)] {
            let at = text.find(name).unwrap();
            assert!(claims.any(at..at + len), "{name}");
        }
        for data in ["62.6", "64.0", "12例"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_groups_number_after_its_noun_is_a_name_and_a_count_after_a_groups_name_is_data() {
        // Made-up text: arms numbered as a protocol numbers them, then counts printed right
        // after a group's name.
        let text = "Patients were randomised to Arm 1 or Arm 2; groups 1 and 2 were compared. \
            The response rate was 64.1% in Arm 1 and 43.7% in Arm 2. In the placebo group 3 \
            patients withdrew; the control group 12 (40%) improved.";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        let claimed = |at: usize| claims.any(at..at + 1);
        for (name, digit) in [
            ("Arm 1 or", 4),
            ("Arm 2;", 4),
            ("groups 1", 7),
            ("1 and 2 were", 6),
        ] {
            let at = text.find(name).unwrap() + digit;
            assert!(claimed(at), "{name}");
        }
        let first_in = text.find("in Arm 1 and").unwrap();
        assert!(
            claimed(first_in + 7),
            "`in Arm 1 and 43.7%`: the arm's number"
        );
        for data in ["43.7%", "3 patients", "12 (40%)"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_scales_codes_and_points_a_papers_bibliography_and_a_lists_enumerators_are_not_data() {
        // Made-up text in the forms methods sections, package inserts and article pages print.
        let text = "次の5段階で評価する。 1:著明改善 2:中等度改善 3:悪化\n角膜を3分割し、それぞれ0点から3点でスコア化した。改善率は62.5%であった。\n- 山田:薬理と治療,5(5),1412(1977)\nVolume | 7 |\nIssue number | 1 |\nState | Published - Jan 1 1990 |\nISSN | 0037-1033 1349-4333 |\nPages (from-to)1 - 12\nPublication statusPublished - 2010\n76 Citations (Scopus) (4390 Views)\nNo difference between the 2 groups. Children were assigned to groups: (1) Vitamin D2, (2) Vitamin D3. Pain on a 10-point scale: 3 [2, 4] vs. 4 [3, 5]; symptoms 0: none to 3: severe. Mean 14.2 points.";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "5段階",
            "1:著",
            "2:中",
            "3分割",
            "0点から3点で",
            "5(5),1412(1977)",
            "Volume | 7",
            "Issue number | 1",
            "Published - Jan 1 1990",
            "1033",
            "4333",
            "1 - 12",
            "2010",
            "76 Cit",
            "4390 V",
            "2 groups",
            ": (1) V",
            ", (2) V",
            "10-point scale",
            "0: none",
            "3: severe",
        ] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        for data in ["62.5%", "3 [2, 4]", "4 [3, 5]", "14.2"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
        // A list's number after the item before it (a value), glued to the next item's name;
        // a count of cases in brackets after a value is data.
        let text = "(1)総合 A:B=61±30:44±31 (2)咀嚼 A:B=63±31:37±28。有効率は80% (12)例で";
        let claims = find(&Sentences::new(text));
        let at = text.find("(2)").unwrap();
        assert!(claims.any(at..at + 3));
        for data in ["44±31", "(12)"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_web_pages_navigation_is_not_data() {
        // Each of `nots` claimed as not data, and `data` not.
        let claimed_so = |text: &str, nots: &[&str], data: &str| {
            let claims = find(&Sentences::new(text));
            for not in nots {
                let at = text.find(not).unwrap();
                assert!(claims.any(at..at + not.len()), "{not}");
            }
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        };
        // Made-up: a journal site's list of articles, as a copied page keeps it.
        claimed_so(
            "選択された号の論文の12件中1~10を表示しています\nShowing 1–3 of 3 articles\n有効率は80%であった。",
            &["12件中1~10を表示", "Showing 1–3 of 3"],
            "80%",
        );
        // A grant database's page: the project's number and each researcher's.
        claimed_so(
            "研究課題/領域番号 |\n12345678\n|\n研究代表者 |\n山田 太郎 某大学, 医学部, 教授 (12345678)\n対象は20名であった。",
            &["研究課題/領域番号 |\n12345678", "教授 (12345678)"],
            "20名",
        );
    }

    #[test]
    fn a_footnote_number_is_the_mark_s_own_digits_not_a_cell_after_a_marked_label() {
        // `*1` and `※1` number footnotes; `Model 6** 324` marks its row label, and the count
        // after it is the row's first cell; `*38.5` glues a mark to a decimal value.
        let text =
            "Model 6** 324 8.25 (5.81)\nSee *1 below.\n※1 投与群\nUPDRS Part III*38.5 (11.4)N/A\n";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in ["*1", "※1"] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        // A mark glued to a cell's value (`*38.5`): a footnote number is whole.
        for data in ["324", "38.5"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_share_price_moving_on_the_news_is_not_the_trials_data() {
        // Made-up numbers in the forms financial news prints beside a trial's result.
        let text = "Acme Therapeutics (NASDAQ:ACME) slips 9% premarket on the readout. Shares of Acme fell 12.5% by noon. The drug cut relapses by 45% and 30% of patients were relapse-free; relapses fell 20% on treatment.";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in ["slips 9% premarket", "Shares of Acme fell 12.5%"] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        for data in ["45%", "30%", "20%"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn a_half_open_range_is_a_category_not_a_result() {
        let doc = Sentences::new(
            "Three cohorts: baseline potassium of 5.1 to < 6.0 mmol/L (NDC1) and 6.0 to <6.5 mmol/L (NDC2). Potassium fell from 5.6 to 4.9 mmol/L.",
        );
        let values: Vec<String> = crate::draft::read_document(&doc)
            .iter()
            .filter_map(|i| i.parts.value.as_ref().map(|v| v.number.plain.clone()))
            .collect();
        assert!(
            !values.iter().any(|v| v == "5.1" || v == "6.5"),
            "{values:?}"
        );
        assert!(values.iter().any(|v| v == "4.9"), "{values:?}");
    }

    #[test]
    fn trial_names_affiliations_and_entry_criteria_are_not_data() {
        // Made-up names and numbers in the forms reports print.
        let text = "A B Smith 1,*, C Jones 2\nThe ZENITH 2 study enrolled 310 patients; 41% responded, as in ZENITH 1.\nInclusion criteria were age ≥ 18 years and at least 2 relapses; 120 were randomised.\n主な組入れ基準は、1回尿量40mL以上、スコアが5以上とした。120例が登録された。";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "Smith 1",
            "Jones 2",
            "ZENITH 2 study",
            "ZENITH 1",
            "≥ 18",
            "at least 2",
            "1回",
            "40mL以上",
            "5以上",
        ] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        for data in ["310", "41%", "120 were", "120例"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }

    #[test]
    fn news_furniture_listed_things_and_a_scales_maximum_are_not_data() {
        // Forms of how reports are written, with made-up numbers.
        let text = "配信日時:2021/07/15 09:30\n[東京 14日 ロイター] - A社は13日、結果を発表した。\n試験は8項目を比べ、呼吸器5症状は改善し、3群の間に差はなかった。\n検査(20点満点で17点以上は正常範囲)の平均は18.1点。投与後30日、42例が継続。10 月 12 日、公表。\nPage 3 of 12. Study QX2019-27 enrolled 40 patients.";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "2021/07/15",
            "14日",
            "13日",
            "8項目",
            "5症状",
            "3群",
            "20点満点",
            "17点以上",
            "3 of 12",
        ] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        // A duration, a count of patients and a mean stay data.
        for data in ["30日", "42例", "18.1", "40 patients", "12 日"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
        let plain = "Study QX2019-27 and COVID-19 and 10-20";
        let at = plain.find("27").unwrap();
        assert!(inside_name(plain, at, at + 2));
        let at = plain.rfind("20").unwrap();
        assert!(!inside_name(plain, at, at + 2));
    }

    #[test]
    fn contact_details_identifiers_and_names_are_not_data() {
        let text = "See https://x.org/a1 or ouh◎adm.okayama-u.ac.jp. 〒700-8558 岡山市 2-5-1\nTEL: 03-1234-5678 DOI：10.1177/0963689 (図 3) ＊1 PNAS 2011;108:3701-3706 第1回 2重盲検\n1. 医療者 午後4 時 7 名\n. 2019 Apr 24;10(3):770–780.";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "x.org/a1",
            "◎adm",
            "700-8558",
            "2-5-1",
            "1234",
            "0963689",
            "図 3",
            "＊1",
            "3701",
            "第1回",
            "2重",
            "1. ",
            "午後4 時",
            "770",
            "(3)",
        ] {
            let at = text.find(not).unwrap();
            assert!(claims.any(at..at + not.len()), "{not}");
        }
        let at = text.find("7 名").unwrap();
        assert!(!claims.any(at..at + 1));
        let plain = "IL-6 G93A 8mg 細胞1)製剤 (n = 9) PMC42 3T3 アクアポリン 4 抗体 マブ 8mg 25(OH)D 12 (SD) 4 (IQR 2-6)";
        let n = |context: &str, number: &str| {
            let at = plain.find(context).unwrap() + context.find(number).unwrap();
            inside_name(plain, at, at + number.len())
        };
        assert!(n("IL-6", "6") && n("G93A", "93") && n("細胞1)", "1"));
        assert!(n("PMC42", "42") && n("3T3", "3"));
        assert!(!n("8mg", "8") && !n("9)", "9") && !n("マブ 8mg", "8"));
        assert!(n("ポリン 4 抗", "4"));
        // A molecule's locant (`25(OH)D`); a value before its bracketed label is none.
        assert!(n("25(OH)D", "25") && !n("12 (SD)", "12") && !n("4 (IQR", "4"));
        // A subscript glued to its name in a bracket; a statistic's df and a count are none.
        let plain = "HbA(1c) FEV(1) F(4)=4.4 placebo(12) Drug A(12)";
        let n = |context: &str, number: &str| {
            let at = plain.find(context).unwrap() + context.find(number).unwrap();
            inside_name(plain, at, at + number.len())
        };
        assert!(n("HbA(1c)", "1") && n("FEV(1)", "1"));
        assert!(!n("F(4)", "4") && !n("placebo(12)", "12") && !n("A(12)", "12"));
    }

    /// Each item of `text`: its kind and its first number as printed (`n 30`).
    fn kinds_and_values(text: &str) -> Vec<String> {
        super::super::read_items(text)
            .iter()
            .map(|i| format!("{} {}", i.kind.as_str(), i.parts.numbers()[0].number.text))
            .collect()
    }

    #[test]
    fn percentages_printed_as_bounds_are_classes_unless_found() {
        // Made-up numbers in the forms Japanese reports print: the thresholds of a responder
        // count (listed, then each a row's label), a target, the frequency that selects an
        // adverse-event table's rows; then a bound that is the finding itself.
        let text = "5%以上、10%以上の体重減少を達成した参加者を比べた。5%以上:100名[80.0%]vs.20名[20.0%]。HbA1c 7%未満を達成した患者は45%。主な有害事象(発現率5%以上)を示す。患者の80%以上が改善し、頭痛は本剤群で5%以上高かった。";
        let values = kinds_and_values(text);
        let valued = |v: &str| {
            values
                .iter()
                .filter(|k| k.split(' ').nth(1) == Some(v))
                .count()
        };
        // Of the four bounds at 5 %, only the one the text found (`5%以上高かった`) is data; the
        // 10 % and 7 % bounds are none; the share bound `80%以上が` is data.
        assert_eq!(
            (valued("5"), valued("10"), valued("7")),
            (1, 0, 0),
            "{values:?}"
        );
        assert!(values.contains(&"percent 80".to_string()), "{values:?}");
        assert!(values.contains(&"percent 80.0".to_string()), "{values:?}");
    }

    #[test]
    fn allocation_ratios_and_significance_thresholds_are_not_data() {
        let values = kinds_and_values(
            "Patients (n = 90) were randomised 2:1 to drug or placebo and 1：1：1 at the second stage (group 1:5.1 kept). P < 0.05 was considered significant; significance was set at p < 0.01; a two-sided alpha of 0.05 was used. Statistically significant at p < 0.05. The difference was significant (p = 0.03). p<0.05を統計学的に有意と判断した。",
        );
        assert_eq!(values.first().map(String::as_str), Some("n 90"));
        assert!(values.contains(&"number 5.1".to_string()), "{values:?}");
        assert_eq!(values.last().map(String::as_str), Some("p 0.03"));
        assert!(
            !values
                .iter()
                .any(|v| v.ends_with(" 0.05") || v.ends_with(" 0.01"))
        );
        // `A p value of 0.05 was considered significant` is the same threshold in other words;
        // a comparison sign glued to an amount in a bracket after a name (`体重減少(≧5%)`,
        // `hypoglycaemia (<3.0 mmol/L)`) defines the category the row counts.
        let values = kinds_and_values(
            "A p value of 0.05 was considered significant. A p-value less than 0.01 was considered statistically significant. 意図しない体重減少(≧5%) 27(2) and hypoglycaemia (<3.0 mmol/L) in 12 patients.",
        );
        assert!(
            !values.iter().any(|v| v.ends_with(" 0.05")
                || v.ends_with(" 0.01")
                || v.ends_with(" 5")
                || v.ends_with(" 3.0")),
            "{values:?}"
        );
        assert!(values.contains(&"n 12".to_string()), "{values:?}");
        // A p printed as a result stays one; so does a time of day as before.
        let values = kinds_and_values("Pain fell (p < 0.05) at 10:30 in 12 patients.");
        assert_eq!(values, ["p 0.05", "n 12"]);
        // Two groups' values set against each other with a colon are no ratio.
        let values = kinds_and_values("年齢(歳) A群:B群=71.2±8.4:69±5.9");
        assert_eq!(values, ["mean_spread 71.2", "mean_spread 69"], "{values:?}");
    }

    #[test]
    fn an_allocation_in_words_is_not_data() {
        // The design (each patient gets one of the arms), not a count of patients.
        let values = kinds_and_values(
            "Each subject was randomly assigned to one of two treatments per week; 40 patients added one of four preventive treatments. One of 7 patients relapsed.",
        );
        assert_eq!(values, ["n 40", "count_of 1"], "{values:?}");
    }

    #[test]
    fn how_reports_print_occasions_order_and_citations_is_not_data() {
        // Made-up numbers in the forms printed: a press release's meeting (an ordinal and a
        // day with no year), a Japanese journal's citation line, a responder threshold with
        // its measure between; a count of people, a duration in words and a share stay data.
        // A news item's date of issue on its own line; the trial's own dates stay data.
        let dates: Vec<String> = super::super::read_items(
            "Source note\n2020年3月6日  Lancet\n試験は2019年4月1日に始まり、2020年3月に終わった。",
        )
        .into_iter()
        .filter_map(|i| i.parts.date)
        .collect();
        assert_eq!(dates, ["2019-04-01", "2020-03"], "{dates:?}");
        let values = kinds_and_values(
            "有効率は31.2%であった(日眼会誌116:955-966,2012)。(引用1)\n【引用】\n1)本剤錠0.5mg電子添文 2020年11月改訂(第1版) 17.臨床成績\n",
        );
        assert_eq!(values, ["percent 31.2"], "{values:?}");
        let values = kinds_and_values(
            "Data were unveiled at the 12th Annual Symposium on March 8. The 75-patient study ran for six weeks.\n2009 年 24 巻 4 号 p. 891-895\n100名(59%)が2%以上の腹囲の低下を示した。",
        );
        assert_eq!(
            values,
            // The share's first number is its count: 100 people, 59 %.
            ["n 75", "number 6", "percent 100"],
            "{values:?}"
        );
    }

    #[test]
    fn design_counts_ordinals_names_and_per_unit_ones_are_not_data() {
        let values = kinds_and_values(
            "60例の患者を2群に分け、各群30例とした。固定順序法の3 番目の解析。2型糖尿病患者。6分間歩行距離は38.35 m。表 2.5.4.2-4 に示す。1ヵ月あたりの日数は4.5日減少。β2-agonist use was stable. Patients were randomised into 2 groups. Men and women 18 years or older were enrolled; their age was 58.1 ± 6.2 years. 20歳以上の女性。",
        );
        assert_eq!(
            values,
            [
                "n 60",
                "n 30",
                "number 38.35",
                "number 4.5",
                "mean_spread 58.1"
            ],
            "{values:?}"
        );
    }

    #[test]
    fn non_inferiority_margins_are_not_data() {
        // Made-up numbers: the margins the designs set, then the results.
        let values = kinds_and_values(
            "A 5% absolute non-inferiority margin was used; the non-inferiority margin was 1.2 points. 非劣性マージン(−0.8g/dL)を上回った。ハンディキャップ方式(Δ=10%)で検証した。Mortality was 12.5% vs 13.0%.",
        );
        assert_eq!(values, ["percent 12.5", "percent 13.0"]);
    }

    #[test]
    fn a_responder_rates_threshold_printed_before_its_noun_is_not_data() {
        // Made-up values: the thresholds name the rates; the rates are data.
        let values = kinds_and_values(
            "50%、75%及び100%反応率はいずれも本剤群で高く、50%反応率は62.1%であった。The 50% responder rate was 41% versus 22%. 反応率は62%であった。",
        );
        assert_eq!(
            values,
            ["percent 62.1", "percent 41", "percent 22", "percent 62"],
            "{values:?}"
        );
    }

    #[test]
    fn responder_thresholds_are_not_data() {
        let text = "Responders had a ≥50% reduction in seizures; pain fell in 30 patients by at least 50% improvement. A decrease of at least 4 points defined response. 50%以上改善した患者は12名。At least 50% of patients (n = 40) responded.";
        let values = kinds_and_values(text);
        assert_eq!(values, ["n 30", "n 12", "percent 50", "n 40"]);
        // The measure named between the change and its threshold, `≥` as printed: a change
        // of a lab value's percent that defines a responder.
        let text = "The endpoint was a decrease in HbA1c by more than 0.5 %. A decrease in HbA1c of ≥ 0.5 % was seen in 90.0 % of patients; HbA1c reduction of ≥ 1 % occurred in 64.0 %.";
        let values = kinds_and_values(text);
        assert_eq!(values, ["percent 90.0", "percent 64.0"]);
        // The noun in the plural, and a bound after the threshold (`or more`).
        let text = "In all, 75% of patients had reductions in liver fat of at least 30%; a reduction of 30% or more was seen in 40%.";
        let values = kinds_and_values(text);
        assert_eq!(values, ["percent 75", "percent 40"]);
        // The bound before the noun of change (`a 50% or more reduction`), and the rate it
        // defines read as a share, not a change.
        let text = "The responder rate, defined as a 50% or more reduction in seizure frequency, was 25% with placebo.";
        let values = kinds_and_values(text);
        assert_eq!(values, ["percent 25"]);
    }

    #[test]
    fn categories_listed_and_dosing_frequencies_are_not_data() {
        let values = kinds_and_values(
            "Attacks fell from 5.5 per 30 days to 3.1 migraines/30 days on the 3-component score and the 36-item form.",
        );
        // (The period's 30 is no datum; `5.5 per 30 days` is the rate it names.)
        assert_eq!(values, ["rate 5.5", "number 3.1"]);
        let values = kinds_and_values(
            "Each symptom was scored 0 to 3 (0 = none, 3 = severe) on a score ranging from 0 to 9; it fell by 1.4 points.",
        );
        assert_eq!(values, ["number 1.4"]);
        // The range of the patients' values is data.
        let values = kinds_and_values("Median 7 (range 2–20); ages ranging from 18 to 64.");
        assert_eq!(values, ["median_range 7", "number 18", "number 64"]);
        let values = kinds_and_values(
            "17.1.1 第III相試験(QX-1試験)27),28)\n※1:平均値±標準偏差\n本剤群(106例)で12.5%であった。",
        );
        assert_eq!(values, ["n 106", "percent 12.5"]);
        // A label's section heading numbered with one point; a value opening a line is data.
        let values = kinds_and_values(
            "14.3 Adjunctive Therapy for Seizures\nThe rate fell by 12.5%.\n12.5 mg was given.",
        );
        assert_eq!(values, ["percent_change 12.5", "number 12.5"]);
        // A weight-loss threshold defines the responders; their share is data.
        let values = kinds_and_values("5%以上の減量を達成した患者は42.0%であった。");
        assert_eq!(values, ["percent 42.0"]);
        // A list of categories ends with its `or`; `34% genotype 1a, 19% genotype 1b` is no list.
        let text = "Patients with genotype 1, 2, 4, or 6 were enrolled; 40% had genotype 1a, 6% genotype 5, and 19% genotype 3b. 本剤2400mg/日(1日3回)を8週間投与し、1回最大5gを塗布した。";
        let values = kinds_and_values(text);
        assert_eq!(
            values,
            [
                "percent 40",
                "percent 6",
                "percent 19",
                "number 2400",
                "number 8",
                "number 5"
            ]
        );
    }

    #[test]
    fn significance_levels_power_intensities_and_thresholds_in_percent_are_not_data() {
        // Made-up numbers in the forms reports print their design with.
        let text = "有意水準はすべて両側5%とした。検出力90%で例数を設定した。最大酸素摂取量(VO2max)の50%の運動を行った。閾値6ヶ月無増悪生存割合20%を上回り、B群は64.4%であった。Training was at 70% of maximal heart rate with 80% power; a level of statistical significance of 1% was used, and 42% of patients responded. 高目標値群44%、低目標値群48%だった。";
        let doc = Sentences::new(text);
        let claims = find(&doc);
        for not in [
            "5%とした",
            "90%で",
            "50%の運動",
            "20%を上回",
            "70% of",
            "80% power",
            "1% was",
        ] {
            let at = text.find(not).unwrap();
            let len = not.find('%').unwrap() + 1;
            assert!(claims.any(at..at + len), "{not}");
        }
        for data in ["64.4%", "42%", "44%", "48%"] {
            let at = text.find(data).unwrap();
            assert!(!claims.any(at..at + data.len()), "{data}");
        }
    }
}
