/**
 * The demo's full texts: an interview transcript and two short article-like texts, written for
 * the demo in our own words from the facts in DOMAIN.md (none of it is quoted from the papers).
 * The transcript is invented, as a realist evaluation's field material would be, and has no
 * record; the two articles open with their record's title, so attaching them links them the
 * way an attached PDF is linked.
 */

/** One demo document: its file name, kind and text. */
export interface DemoDocument {
  fileName: string;
  kind: 'text' | 'markdown';
  title: string;
  text: string;
}

export const DEMO_DOCUMENTS: DemoDocument[] = [
  {
    fileName: 'interview-patient-and-nurse.md',
    kind: 'markdown',
    title: 'Interview: a patient and her case-management nurse (demo transcript)',
    text: `# Interview: a patient and her case-management nurse (demo transcript)

An invented joint interview, written for the demo project. I = interviewer, P = patient (a woman in her sixties with diabetes, heart failure and depression), N = the nurse case manager at her family medicine clinic.

I: How did you two first meet?

P: My doctor said a nurse would call me. I had been to the emergency room six or seven times that year, mostly at night, mostly because I was frightened. I did not expect much from one more phone call.

N: The first visit was at her home. I did not bring a form. I asked her what worried her most, and we started from there: the nights, the pills she was not sure about, the appointments she kept missing because nobody had told her why they mattered.

I: What changed after that?

P: I had her number. That is the honest answer. When my breathing got bad I called her before I called the ambulance, and most of the time she knew what to do, or she called the doctor for me the same day.

N: Being reachable is the resource, but it is not enough on its own. She had to believe that I would call back, and that I would not judge her for calling. That took about two months. After that she started telling me things she had never told her physician.

I: Can you give an example?

P: I was not taking one of my heart pills because it made me run to the bathroom, and I was embarrassed to say so. I told her. She talked to the doctor and to the pharmacist, and they changed the time I take it. It sounds small.

N: It is not small. That is the kind of thing that ends in an admission. I also sat with her and her son to write a plan with her own goals in it: walking to the church on Sundays, sleeping through the night. The plan is hers, not ours.

I: How do you feel now, compared with a year ago?

P: Less afraid. I know what to watch for and who to call. I go to my appointments. I have been to the emergency room once since the spring, and that time I really needed it.

N: What I see is that she is more secure and manages more on her own. The doctors trust the plan too, because I keep them informed; they say it saves them time. When the relationship is there, everything else in the plan has somewhere to stand.
`,
  },
  {
    fileName: 'realist-synthesis-summary.txt',
    kind: 'text',
    title: 'Case management for frequent users: what the realist synthesis found (demo summary)',
    text: `Case management in primary care for frequent users of health care services: a realist synthesis

A summary written for the demo project; it is not the published article.

Why this review. A small group of patients with several chronic conditions accounts for a large share of emergency visits and hospital stays. Case management in primary care is offered to them in many places, but the results vary from one program to another. Hudon and colleagues asked a realist question: what works, for whom, in which circumstances, and why?

How it was done. The team searched MEDLINE, CINAHL, Embase and PsycINFO for the years 1996 to September 2017 and screened 9,295 records. They kept 21 peer-reviewed articles and 89 other documents, such as reports and program descriptions, which together described 19 case-management interventions. Reviewers extracted data independently and built context-mechanism-outcome configurations, refining an initial program theory into a refined one.

What was found. The synthesis identified 11 configurations. One thread runs through most of them: a trusting relationship between the patient and an accessible, experienced case manager. When the case manager can be reached easily and has time to listen, patients engage with the intervention, and so do their clinicians. When patients and clinicians feel supported, respected, accepted and committed, patients become less anxious, feel more secure and are better able to manage their own conditions.

What it means for programs. Selecting patients who truly need the service, giving case managers the time and skills to build relationships, and keeping family physicians involved appear as conditions under which the mechanism fires. Without them, the same activities may not lead to the same outcomes.
`,
  },
  {
    fileName: 'social-needs-case-management.txt',
    kind: 'text',
    title: 'How social-needs case management works (demo summary)',
    text: `How social-needs case management works: a qualitative study of the CommunityConnect program

A summary written for the demo project; it is not the published article.

The program. CommunityConnect, in Contra Costa County, California, offers case management that addresses patients' social needs as well as their medical care. In a randomised study it was followed by 11% fewer inpatient admissions. This study asked how that happens.

The data. The researchers interviewed 30 case managers and 31 patients and observed 31 case-management visits. Two researchers coded all of the transcripts, which lets a team compare their readings and settle disagreements before building an explanation.

Three mechanisms. The first is psychosocial work: the relationship itself, in which a patient who has been let down by services before comes to trust a case manager who keeps showing up. The second is system mediation: navigating appointments, coordinating between services and communicating on the patient's behalf. The third is directly addressing social needs, such as housing, food or transport, which otherwise crowd out any attention to health.

Why it matters for a realist review. These mechanisms line up with the trusting relationship that the realist synthesis of case management found in primary care, and they add a social dimension: for some frequent users, the need that drives emergency visits is not medical at all.
`,
  },
];
