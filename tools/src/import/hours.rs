//! Opening hours as bureaus write them (`周一至周五 上午8:30-12:00，下午13:30-17:00，节假日休息`)
//! rewritten in OpenStreetMap `opening_hours` syntax (`Mo-Fr 08:30-12:00,13:30-17:00; PH off`).
//!
//! The value is read as a sequence of words (days, times, ranges, 休息…); a value with
//! anything else in it is not rewritten. The caller checks the result with the app's own
//! parser and keeps the value as written when it does not read.

#[derive(Clone, Copy, Debug, PartialEq)]
enum Half {
    Morning,
    Noon,
    Afternoon,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Token {
    Day(usize),
    Group(&'static str),
    Holiday,
    Range,
    Sep,
    Time(u32, u32),
    Half(Half),
    Off,
    AllDay,
    Filler,
}

const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

/// Longest first where one word starts another.
const WORDS: &[(&str, Token)] = &[
    ("法定节假日", Token::Holiday),
    ("法定假日", Token::Holiday),
    ("节假日", Token::Holiday),
    ("节日", Token::Holiday),
    ("假日", Token::Holiday),
    ("工作日", Token::Group("Mo-Fr")),
    ("双休日", Token::Group("Sa,Su")),
    ("周末", Token::Group("Sa,Su")),
    ("每天", Token::Group("Mo-Su")),
    ("每日", Token::Group("Mo-Su")),
    ("天天", Token::Group("Mo-Su")),
    ("7×24小时", Token::AllDay),
    ("7*24小时", Token::AllDay),
    ("7x24小时", Token::AllDay),
    ("24小时", Token::AllDay),
    ("24/7", Token::AllDay),
    ("全天候", Token::AllDay),
    ("全天", Token::AllDay),
    ("上午", Token::Half(Half::Morning)),
    ("早上", Token::Half(Half::Morning)),
    ("中午", Token::Half(Half::Noon)),
    ("下午", Token::Half(Half::Afternoon)),
    ("晚上", Token::Half(Half::Afternoon)),
    ("傍晚", Token::Half(Half::Afternoon)),
    ("早", Token::Half(Half::Morning)),
    ("晚", Token::Half(Half::Afternoon)),
    ("不办公", Token::Off),
    ("不营业", Token::Off),
    ("不开放", Token::Off),
    ("休息", Token::Off),
    ("闭馆", Token::Off),
    ("关闭", Token::Off),
    ("除外", Token::Off),
    ("休", Token::Off),
    ("closed", Token::Off),
    ("off", Token::Off),
    ("PH", Token::Holiday),
    ("至", Token::Range),
    ("到", Token::Range),
    ("~", Token::Range),
    ("～", Token::Range),
    ("〜", Token::Range),
    ("-", Token::Range),
    ("－", Token::Range),
    ("—", Token::Range),
    ("–", Token::Range),
    ("，", Token::Sep),
    (",", Token::Sep),
    ("、", Token::Sep),
    ("；", Token::Sep),
    (";", Token::Sep),
    ("。", Token::Sep),
    ("和", Token::Sep),
    ("及", Token::Sep),
    ("与", Token::Sep),
    ("办公时间", Token::Filler),
    ("营业时间", Token::Filler),
    ("工作时间", Token::Filler),
    ("开放时间", Token::Filler),
    ("服务时间", Token::Filler),
    ("对外办公", Token::Filler),
    ("时间", Token::Filler),
    ("办公", Token::Filler),
    ("营业", Token::Filler),
    ("开放", Token::Filler),
    ("每周", Token::Filler),
    ("每", Token::Filler),
    ("：", Token::Filler),
    (":", Token::Filler),
    ("（", Token::Filler),
    ("）", Token::Filler),
    ("(", Token::Filler),
    (")", Token::Filler),
];

fn day_char(c: char) -> Option<usize> {
    "一二三四五六日"
        .find(c)
        .map(|b| b / 3)
        .or((c == '天').then_some(6))
}

fn tokens(value: &str) -> Option<Vec<Token>> {
    let chars: Vec<char> = value.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    'next: while i < chars.len() {
        let rest: String = chars[i..].iter().collect();
        if chars[i].is_whitespace() {
            out.push(Token::Sep);
            i += 1;
            continue;
        }
        // 周一, 星期日, 礼拜天; a bare 五 after 周一至 (周一至五).
        for prefix in ["星期", "礼拜", "周"] {
            if let Some(after) = rest.strip_prefix(prefix) {
                if let Some(d) = after.chars().next().and_then(day_char) {
                    out.push(Token::Day(d));
                    i += prefix.chars().count() + 1;
                    continue 'next;
                }
            }
        }
        if let (Some(d), [.., Token::Day(_), Token::Range]) = (day_char(chars[i]), &out[..]) {
            out.push(Token::Day(d));
            i += 1;
            continue;
        }
        if let Some(d) = DAYS.iter().position(|d| rest.starts_with(d)) {
            out.push(Token::Day(d));
            i += 2;
            continue;
        }
        if chars[i].is_ascii_digit() && !rest.starts_with("24小时") && !rest.starts_with("24/7") {
            let (time, used) = time(&chars[i..])?;
            out.push(time);
            i += used;
            continue;
        }
        for (word, token) in WORDS {
            if rest.starts_with(word) {
                out.push(*token);
                i += word.chars().count();
                continue 'next;
            }
        }
        return None;
    }
    Some(out)
}

/// `8:30`, `08：30`, `8点`, `8点半`, `17时30分`, or a bare hour; with the characters used.
fn time(chars: &[char]) -> Option<(Token, usize)> {
    let digits = |from: usize| {
        chars[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let number = |from: usize, n: usize| -> Option<u32> {
        chars[from..from + n]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    };
    let n = digits(0);
    if n > 2 {
        return None;
    }
    let hour = number(0, n)?;
    let mut used = n;
    let mut minute = 0;
    match chars.get(used) {
        Some(':' | '：') if digits(used + 1) == 2 => {
            minute = number(used + 1, 2)?;
            used += 3;
        }
        Some('点' | '时') => {
            used += 1;
            if chars.get(used) == Some(&'半') {
                minute = 30;
                used += 1;
            } else if (1..=2).contains(&digits(used)) {
                let m = digits(used);
                minute = number(used, m)?;
                used += m;
                if chars.get(used) == Some(&'分') {
                    used += 1;
                }
            }
        }
        _ => {}
    }
    (hour <= 24 && minute < 60).then_some((Token::Time(hour, minute), used))
}

#[derive(Default)]
struct Rule {
    days: Vec<String>,
    times: Vec<String>,
    off: bool,
    all_day: bool,
}

impl Rule {
    fn has_hours(&self) -> bool {
        !self.times.is_empty() || self.off || self.all_day
    }

    fn is_empty(&self) -> bool {
        self.days.is_empty() && !self.has_hours()
    }
}

/// The value in OSM syntax, or `None` when it holds something not understood here.
pub fn rewrite(value: &str) -> Option<String> {
    let tokens = tokens(value.trim())?;
    let mut rules: Vec<Rule> = Vec::new();
    let mut rule = Rule::default();
    let mut start: Option<(u32, u32)> = None;
    let mut half = None;
    let mut previous = Token::Sep;
    let mut ranging = false;
    for token in tokens {
        match token {
            Token::Day(_) | Token::Group(_) | Token::Holiday => {
                if rule.has_hours() {
                    rules.push(std::mem::take(&mut rule));
                    half = None;
                }
                let name = match token {
                    Token::Day(d) => DAYS[d].to_string(),
                    Token::Group(g) => g.to_string(),
                    _ => "PH".to_string(),
                };
                let last_single = rule.days.last().filter(|d| DAYS.contains(&d.as_str()));
                match (token, ranging, last_single) {
                    (Token::Day(_), true, Some(from)) => {
                        let joined = format!("{from}-{name}");
                        *rule.days.last_mut().expect("a last day") = joined;
                    }
                    _ => rule.days.push(name),
                }
            }
            Token::Range => {
                ranging = true;
                previous = token;
                continue;
            }
            Token::Time(h, m) => {
                let mut h = h;
                if half == Some(Half::Afternoon) && h < 12 {
                    h += 12;
                }
                match start.take() {
                    Some((sh, sm)) if ranging => {
                        // 8:30-5:30 is an afternoon's end.
                        if (h, m) <= (sh, sm) && h < 12 {
                            h += 12;
                        }
                        rule.times.push(format!("{sh:02}:{sm:02}-{h:02}:{m:02}"));
                    }
                    Some(_) => return None,
                    None => start = Some((h, m)),
                }
            }
            Token::Half(h) => {
                half = Some(h);
                // 早8:30-晚5:30: the range goes on.
                if ranging {
                    continue;
                }
            }
            Token::Off => rule.off = true,
            Token::AllDay => rule.all_day = true,
            Token::Sep | Token::Filler => {
                // Spaces around a range's dash do not end it.
                if previous == Token::Range {
                    continue;
                }
            }
        }
        ranging = false;
        previous = token;
    }
    if start.is_some() || ranging {
        return None;
    }
    if !rule.is_empty() {
        rules.push(rule);
    }
    // Later rules override earlier ones: holiday rules go last so they win.
    let mut written = Vec::new();
    let mut holidays = Vec::new();
    for rule in &rules {
        if !rule.has_hours() || (rule.off && !rule.times.is_empty()) {
            return None;
        }
        let hours = if rule.off {
            "off".to_string()
        } else if !rule.times.is_empty() {
            rule.times.join(",")
        } else if rule.days.is_empty() {
            "24/7".to_string()
        } else {
            "00:00-24:00".to_string()
        };
        let (ph, days): (Vec<&String>, Vec<&String>) = rule.days.iter().partition(|d| *d == "PH");
        if !days.is_empty() || ph.is_empty() {
            let days: Vec<&str> = days.iter().map(|d| d.as_str()).collect();
            written.push(if days.is_empty() {
                hours.clone()
            } else {
                format!("{} {hours}", days.join(","))
            });
        }
        if !ph.is_empty() {
            holidays.push(format!("PH {hours}"));
        }
    }
    written.extend(holidays);
    (!written.is_empty()).then(|| written.join("; "))
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn common_chinese_hours_read_as_osm() {
        for (from, to) in [
            ("08:15~20:15", "08:15-20:15"),
            ("8:30～17:00", "08:30-17:00"),
            ("8:30至17:00", "08:30-17:00"),
            ("周一至周五 08:30-17:00", "Mo-Fr 08:30-17:00"),
            ("全天", "24/7"),
            ("24小时", "24/7"),
            (
                "周一至周五上午8:30-12:00，下午1:30-5:00",
                "Mo-Fr 08:30-12:00,13:30-17:00",
            ),
            (
                "周一至周五 9:00-17:00，周六 9:00-12:00，节假日休息",
                "Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off",
            ),
            ("节假日休息，工作日9点-17点半", "Mo-Fr 09:00-17:30; PH off"),
            (
                "周一至五 8:30-17:00；周六、周日休息",
                "Mo-Fr 08:30-17:00; Sa,Su off",
            ),
            ("星期一到星期日全天", "Mo-Su 00:00-24:00"),
            ("工作日9点-17点半", "Mo-Fr 09:00-17:30"),
            ("8:30-12:00 14:00-17:30", "08:30-12:00,14:00-17:30"),
            (
                "周一至周五8:30—17:30（节假日除外）",
                "Mo-Fr 08:30-17:30; PH off",
            ),
            ("周一到周六 9:00-17:00", "Mo-Sa 09:00-17:00"),
            ("早8:30-晚5:30", "08:30-17:30"),
            (
                "周一至周五：上午9:00-12:00 下午14:00-17:30；周六、周日及法定节假日休息",
                "Mo-Fr 09:00-12:00,14:00-17:30; Sa,Su off; PH off",
            ),
        ] {
            assert_eq!(rewrite(from).as_deref(), Some(to), "{from}");
            emap_core::hours::check(to).unwrap();
        }
    }

    #[test]
    fn what_is_not_understood_is_not_rewritten() {
        for value in ["看情况", "周一至周五", "8:30", "电话预约"] {
            assert_eq!(rewrite(value), None, "{value}");
        }
    }
}
