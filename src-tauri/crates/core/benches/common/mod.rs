//! The generated pack the benchmarks share: 1,000 lessons of about 10 KB each (10 MB of
//! Markdown, 3,000 questions) in 20 modules.

use w2b_core::packs::PackFiles;

const MODULES: usize = 20;
const LESSONS_PER_MODULE: usize = 50;

fn lesson(module: usize, index: usize) -> String {
    let mut body = String::from("An introduction that sets the scene for the lesson.\n\n");
    for section in 0..12 {
        body.push_str(&format!("## Section {section}\n\n"));
        body.push_str(&"A paragraph of plain explanation about budgets, rotas and governance, with *emphasis*, **strong words** and a [source](https://www.england.nhs.uk/). ".repeat(4));
        body.push_str("\n\n| Line | Budget | Actual |\n|:--|--:|--:|\n| Nursing | 1,200 | 1,150 |\n| Agency | 0 | 64 |\n\n");
    }
    let mut front = format!(
        "+++\nid = \"m{module}-l{index}\"\ntitle = \"Lesson {index} of module {module}\"\nminutes = 15\n\
         outcomes = [\"Explain a variance\", \"Score a risk\"]\nbehaviours = [\"cmpf.resources.budget-ownership\"]\n\
         reflection = \"What does this mean for your ward?\"\nactivity = \"Shadow a budget meeting.\"\n"
    );
    for q in 0..3 {
        front.push_str(&format!(
            "\n[[questions]]\nid = \"q{q}\"\ntype = \"single\"\nprompt = \"Which is right?\"\n\
             [[questions.options]]\ntext = \"This\"\ncorrect = true\nexplanation = \"Because it is.\"\n\
             [[questions.options]]\ntext = \"That\"\ncorrect = false\nexplanation = \"Because it is not.\"\n"
        ));
    }
    format!("{front}+++\n{body}")
}

pub fn large_pack() -> PackFiles {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let folders: Vec<String> = (0..MODULES).map(|m| format!("module-{m:02}")).collect();
    files.push((
        "pack.toml".into(),
        format!(
            "format = 1\nid = \"bench.large\"\nversion = \"1.0.0\"\ntitle = \"Large\"\npublisher = \"Bench\"\n\
             licence = \"CC-BY-4.0\"\nlanguage = \"en-GB\"\nmin_app_version = \"0.1.0\"\nframework = \"cmpf\"\nmodules = {folders:?}\n"
        )
        .into_bytes(),
    ));
    for (m, folder) in folders.iter().enumerate() {
        let names: Vec<String> = (0..LESSONS_PER_MODULE)
            .map(|l| format!("{l:03}.md"))
            .collect();
        files.push((
            format!("{folder}/module.toml"),
            format!("id = \"{folder}\"\ntitle = \"Module {m}\"\nlessons = {names:?}\n")
                .into_bytes(),
        ));
        for (l, name) in names.iter().enumerate() {
            files.push((format!("{folder}/{name}"), lesson(m, l).into_bytes()));
        }
    }
    let borrowed: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .collect();
    PackFiles::from_embedded(&borrowed)
}
