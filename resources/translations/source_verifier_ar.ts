<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../ui/widgets/timeline_panel.py" line="+716"/>
        <source>Claims</source>
        <translation>الادعاءات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimonies</source>
        <translation>الشهادات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos</source>
        <translation>الصور</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Claimed: {label}</source>
        <translation>المزعوم: {label}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>#{id} {statement}</source>
        <translation>#{id} {statement}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Testimony taken ({medium})</source>
        <translation>وقت الإدلاء بالشهادة ({medium})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{alias}, {medium}</source>
        <translation>⁨{alias}⁩، {medium}</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Camera clock {local}, shown in UTC ({basis})</source>
        <translation>ساعة الكاميرا {local}، معروضة بتوقيت UTC ({basis})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The time zone is uncertain: the bar spans every possible UTC instant.</source>
        <translation>المنطقة الزمنية غير مؤكدة: يمتد الشريط على كل توقيت UTC محتمل.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPS time stamp (UTC, from the satellites)</source>
        <translation>الطابع الزمني لـ GPS (UTC، من الأقمار الصناعية)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by the newsroom</source>
        <translation>استلمتها غرفة الأخبار</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No capture time in the file.</source>
        <translation>لا وقت التقاط في الملف.</translation>
    </message>
</context>
<context>
    <name>AddClaimDialog</name>
    <message>
        <location filename="../../ui/dialogs/add_claim.py" line="+25"/>
        <source>Add Claim</source>
        <translation>إضافة ادعاء</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write one statement that can be checked: who did what, where, when, how many. It starts as unverified.</source>
        <translation>اكتب عبارة واحدة يمكن التحقق منها: من فعل ماذا، وأين، ومتى، وكم عددهم. تبدأ بحالة «لم يُتحقق منه».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. Two armed men approached truffle gatherers near Ali Rash in mid-March 2019.</source>
        <translation>مثلًا: اقترب مسلحان من جامعي الكمأ قرب علي رش في منتصف آذار 2019.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Statement:</source>
        <translation>ال&amp;عبارة:</translation>
    </message>
</context>
<context>
    <name>CaseListModel</name>
    <message>
        <location filename="../../ui/models/cases.py" line="+55"/>
        <source>{title} ({status})</source>
        <translation>{title} ({status})</translation>
    </message>
</context>
<context>
    <name>CaseReportCache</name>
    <message>
        <location filename="../../ui/case_report.py" line="+299"/>
        <source>Cross-referencing the case</source>
        <translation>التحقق المتقاطع من القضية</translation>
    </message>
</context>
<context>
    <name>ClaimCardDelegate</name>
    <message>
        <location filename="../../ui/widgets/claims_board.py" line="+143"/>
        <source>Credibility {grade}</source>
        <translation>المصداقية {grade}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not graded</source>
        <translation>غير مُقيّم</translation>
    </message>
</context>
<context>
    <name>ClaimColumnView</name>
    <message>
        <location line="+69"/>
        <source>No claims here. Drop a card to move it here.</source>
        <translation>لا ادعاءات هنا. أفلت بطاقة هنا لنقلها إلى هذا العمود.</translation>
    </message>
</context>
<context>
    <name>ClaimsBoard</name>
    <message>
        <location filename="../../ui/models/claims_board.py" line="+74"/>
        <source>origins being counted…</source>
        <translation>جارٍ عدّ المنابع…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>origins: {supporting} for · {contradicting} against</source>
        <translation>المنابع: {supporting} مع · {contradicting} ضد</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Credibility: {grade}</source>
        <translation>المصداقية: {grade}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not graded</source>
        <translation>غير مُقيّم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Independent origins: {origins}</source>
        <translation>المنابع المستقلة: {origins}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verdict: {verdict}</source>
        <translation>الحكم: {verdict}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} warning(s) or conflict(s) name it: see Findings</source>
        <translation>تحذيرات أو تعارضات تذكره: {count}؛ راجع نتائج الفحص</translation>
    </message>
</context>
<context>
    <name>ClaimsBoardPanel</name>
    <message>
        <location filename="../../ui/widgets/claims_board.py" line="+29"/>
        <source>Claims board</source>
        <translation>لوحة الادعاءات</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Drag a card to another column to change its status (you will be asked why), or use Move to… (Ctrl+M). Drop photos from the Evidence tab on a card to link them.</source>
        <translation>اسحب بطاقة إلى عمود آخر لتغيير حالتها (سيُطلب منك ذكر السبب)، أو استخدم «نقل إلى…» (Ctrl+M). أفلت صورًا من تبويب الأدلة على بطاقة لربطها بها.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Move to…</source>
        <translation>نقل إلى…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the selected claim to another status</source>
        <translation>نقل الادعاء المحدد إلى حالة أخرى</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>{view} ({count})</source>
        <translation>{view} ({count})</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>{status} · {count}</source>
        <translation>{status} · {count}</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Move to</source>
        <translation>نقل إلى</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Show in the Claims table</source>
        <translation>إظهار في جدول الادعاءات</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <location filename="../../ui/detail.py" line="+220"/>
        <location line="+264"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location line="-263"/>
        <location line="+50"/>
        <source>Attribution</source>
        <translation>الإسناد</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Anonymous to</source>
        <translation>مجهول الهوية أمام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability</source>
        <translation>الموثوقية</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identity</source>
        <translation>الهوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreed on</source>
        <translation>تاريخ الاتفاق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>أُضيف في</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+85"/>
        <source>Last changed</source>
        <translation>آخر تعديل</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Identity protected: the app shows this source only by alias and public description.</source>
        <translation>هوية محمية: لا يعرض التطبيق هذا المصدر إلا باسمه المستعار ووصفه العلني.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+19"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>Public description</source>
        <translation>الوصف العلني</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the terms allow</source>
        <translation>ما تسمح به الشروط</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Terms agreed</source>
        <translation>الشروط المتفق عليها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why anonymity was asked for</source>
        <translation>سبب طلب إخفاء الهوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why it was granted</source>
        <translation>سبب الموافقة عليه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newsroom notes</source>
        <translation>ملاحظات غرفة الأخبار</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+106"/>
        <source>Testimonies</source>
        <translation>الشهادات</translation>
    </message>
    <message>
        <location line="-105"/>
        <source>Evidence sent</source>
        <translation>الأدلة المرسَلة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Testimony of {alias}</source>
        <translation>شهادة {alias}</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+22"/>
        <source>Testimony</source>
        <translation>الشهادة</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Taken</source>
        <translation>وقت الإدلاء</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+31"/>
        <source>Undated</source>
        <translation>بلا تاريخ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>الوسيلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+52"/>
        <source>Where</source>
        <translation>أين</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Interviewer</source>
        <translation>أجرى المقابلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Translator</source>
        <translation>المترجم</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Transcript</source>
        <translation>النص</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+216"/>
        <location line="+21"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location line="-236"/>
        <source>Claims it supports or denies</source>
        <translation>الادعاءات التي تؤيدها أو تنفيها</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>as said: {text}</source>
        <translation>كما قيل: {text}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verdict</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not decided yet</source>
        <translation>لم يُحسم بعد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credibility</source>
        <translation>المصداقية</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What</source>
        <translation>ماذا</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+214"/>
        <source>Who</source>
        <translation>من</translation>
    </message>
    <message>
        <location line="-212"/>
        <location line="+211"/>
        <source>When</source>
        <translation>متى</translation>
    </message>
    <message>
        <location line="-210"/>
        <source>How many</source>
        <translation>كم</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Origin</source>
        <translation>المنشأ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>أُنشئ في</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Claim #{id}</source>
        <translation>الادعاء #{id}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rationale</source>
        <translation>التعليل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Credibility rationale</source>
        <translation>مبررات تقييم المصداقية</translation>
    </message>
    <message>
        <location line="+142"/>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Related claims</source>
        <translation>ادعاءات ذات صلة</translation>
    </message>
    <message>
        <location line="-170"/>
        <source>The case&apos;s {count} claims are still being read: more may cite this.</source>
        <translation>ما زالت ادعاءات القضية ({count}) قيد القراءة: قد تستشهد بهذا ادعاءات أخرى.</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>Facets</source>
        <translation>العناصر</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Photos and other evidence</source>
        <translation>الصور والأدلة الأخرى</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not graded yet</source>
        <translation>لم تُقيَّم بعد</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <location line="+5"/>
        <source>Findings</source>
        <translation>نتائج الفحص</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Cross-referencing the case…</source>
        <translation>جارٍ التحقق المتقاطع من القضية…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No finding names this claim.</source>
        <translation>لا توجد نتيجة فحص تذكر هذا الادعاء.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>via claim #{id} ({relation})</source>
        <translation>عبر الادعاء #{id} ({relation})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>testimony #{id}</source>
        <translation>الشهادة #{id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>photo #{id}</source>
        <translation>الصورة #{id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>unknown sender</source>
        <translation>مرسل غير معروف</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>source #{id}</source>
        <translation>المصدر #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not graded</source>
        <translation>غير مُقيّم</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Corroboration</source>
        <translation>التعزيز</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Counting independent origins…</source>
        <translation>جارٍ عدّ المنابع المستقلة…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{supporting} independent origin(s) support it, {contradicting} contradict it.</source>
        <translation>منابع مستقلة تؤيده: {supporting}، وتناقضه: {contradicting}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>({chains} linked record(s) in all: related sources and copies count once.)</source>
        <translation>(السجلات المرتبطة إجمالاً: {chains}؛ المصادر المترابطة والنسخ تُحسب مرة واحدة.)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For</source>
        <translation>مع</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against</source>
        <translation>ضد</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{side}, origin {number}</source>
        <translation>{side}، المنبع {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>… and {count} more linked record(s) of this origin.</source>
        <translation>… و{count} سجلًا مرتبطًا آخر من هذا المصدر الأصلي.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>One origin because:</source>
        <translation>منبع واحد لأن:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(and {count} more)</source>
        <translation>(و{count} غيرها)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No testimony or evidence is linked to this claim yet.</source>
        <translation>لم تُربط بهذا الادعاء أي شهادة أو دليل بعد.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Media type</source>
        <translation>نوع الملف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>وقت الاستلام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent by</source>
        <translation>المرسِل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unknown</source>
        <translation>غير معروف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Claims</source>
        <translation>الادعاءات</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The original is kept unchanged in the vault under its SHA-256.</source>
        <translation>يُحفظ الأصل دون أي تعديل في الخزنة تحت بصمته SHA-256.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Coordinates</source>
        <translation>الإحداثيات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Other names and spellings</source>
        <translation>أسماء وتهجئات أخرى</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Places are shared by every case of this workspace.</source>
        <translation>الأماكن مشتركة بين كل قضايا مساحة العمل هذه.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Field</source>
        <translation>الحقل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Before</source>
        <translation>قبل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>بعد</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Entry</source>
        <translation>المُدخل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>البصمة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous</source>
        <translation>السابق</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit entry #{seq}</source>
        <translation>مُدخل التدقيق #{seq}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Values</source>
        <translation>القيم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash chain</source>
        <translation>سلسلة البصمات</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No coordinates</source>
        <translation>لا إحداثيات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N</source>
        <translation>ش</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>S</source>
        <translation>ج</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E</source>
        <translation>ق</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>W</source>
        <translation>غ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{action} {record}</source>
        <translation>{action} {record}</translation>
    </message>
</context>
<context>
    <name>ErrorPresenter</name>
    <message>
        <location filename="../../ui/errors.py" line="+61"/>
        <source>Database from a newer version</source>
        <translation>قاعدة بيانات من إصدار أحدث</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Evidence vault problem</source>
        <translation>مشكلة في خزنة الأدلة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Database problem</source>
        <translation>مشكلة في قاعدة البيانات</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot use this workspace</source>
        <translation>تعذّر استخدام مساحة العمل هذه</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sealed identity not available</source>
        <translation>الهوية المختومة غير متاحة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please check your input</source>
        <translation>يُرجى مراجعة ما أدخلته</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record not found</source>
        <translation>السجل غير موجود</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Conflicting change</source>
        <translation>تغيير متعارض</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>أُلغي</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source Verifier</source>
        <translation>مدقق المصادر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unexpected error</source>
        <translation>خطأ غير متوقع</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Something went wrong that the app did not expect. Your data is safe: nothing half-done was saved.</source>
        <translation>حدث خطأ لم يتوقعه التطبيق. بياناتك في أمان: لم يُحفظ أي عمل غير مكتمل.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The details are also in the log file:
{path}</source>
        <translation>التفاصيل موجودة أيضًا في ملف السجل:
⁦{path}⁩</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No log file could be written; copy the details below.</source>
        <translation>تعذّرت كتابة ملف السجل؛ انسخ التفاصيل أدناه.</translation>
    </message>
</context>
<context>
    <name>EvidenceGallery</name>
    <message>
        <location filename="../../ui/widgets/gallery.py" line="+84"/>
        <source>Sent by:</source>
        <translation>المرسِل:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to</source>
        <translation>إلى</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Capture date (UTC) when the photo has one, else the day it was received</source>
        <translation>تاريخ الالتقاط (UTC) إن وُجد في الصورة، وإلا فيوم استلامها</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Has GPS</source>
        <translation>فيها GPS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only photos whose metadata records a GPS position</source>
        <translation>الصور التي تسجّل بياناتها الوصفية موقع GPS فقط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Has findings</source>
        <translation>عليها نتائج فحص</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Anyone</source>
        <translation>أيّ مرسِل</translation>
    </message>
    <message numerus="yes">
        <location line="+60"/>
        <source>%n photo(s)</source>
        <translation>
            <numerusform>لا صور</numerusform>
            <numerusform>صورة واحدة</numerusform>
            <numerusform>صورتان</numerusform>
            <numerusform>%n صور</numerusform>
            <numerusform>%n صورة</numerusform>
            <numerusform>%n صورة</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {total} shown</source>
        <translation>يُعرض {shown} من {total}</translation>
    </message>
</context>
<context>
    <name>EvidenceGalleryModel</name>
    <message>
        <location filename="../../ui/models/gallery.py" line="+151"/>
        <source>Sent by {alias}</source>
        <translation>أرسلها ⁨{alias}⁩</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received {time} UTC</source>
        <translation>استُلمت {time} UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Taken {time} UTC</source>
        <translation>التُقطت {time} UTC</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} finding(s)</source>
        <translation>نتائج الفحص: {count}</translation>
    </message>
</context>
<context>
    <name>EvidencePane</name>
    <message>
        <location filename="../../ui/widgets/evidence_pane.py" line="+38"/>
        <source>Table</source>
        <translation>جدول</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Thumbnails</source>
        <translation>صور مصغَّرة</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Double-click or press Enter to open a photo</source>
        <translation>انقر نقرًا مزدوجًا أو اضغط Enter لفتح الصورة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show as:</source>
        <translation>طريقة العرض:</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/export_case.py" line="+67"/>
        <source>Reading the case</source>
        <translation>جارٍ قراءة القضية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unlocking the leak guard</source>
        <translation>جارٍ فتح حارس التسريب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sanitizing thumbnails</source>
        <translation>جارٍ تنظيف الصور المصغَّرة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rendering and checking every file</source>
        <translation>جارٍ إنشاء الملفات وفحصها واحدًا واحدًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recording the export in the audit log</source>
        <translation>جارٍ تسجيل التصدير في سجل التدقيق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Done</source>
        <translation>اكتمل</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Public</source>
        <translation>للنشر العام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For publication: only claims with a verdict, their statement and verdict, and the sources&apos; aliases and agreed descriptions.</source>
        <translation>للنشر: الادعاءات التي صدر فيها حكم فقط، مع عبارتها وحكمها، والأسماء المستعارة للمصادر وأوصافها المتفق عليها.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Partner newsroom</source>
        <translation>مؤسسة إعلامية شريكة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For a partner newsroom: claims with status, credibility, when, where and how many, independent origins, evidence with thumbnails and findings, and the audit summary.</source>
        <translation>لمؤسسة شريكة: الادعاءات مع حالتها ومصداقيتها وزمانها ومكانها وأعدادها، والمنابع المستقلة، والأدلة مع صورها المصغَّرة ونتائج الفحص، وملخص سجل التدقيق.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Legal review</source>
        <translation>مراجعة قانونية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the legal adviser: the partner profile plus the reasoning behind each verdict, why each anonymity was granted, and a manifest tying every copy to its original.</source>
        <translation>للمستشار القانوني: كل ما في ملف المؤسسة الشريكة، مع تعليل كل حكم، وسبب منح كل مصدر إخفاء هويته، وبيان يربط كل نسخة بأصلها.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Internal</source>
        <translation>داخلي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the newsroom only: everything the legal profile has, plus credibility rationales, internal notes and the exact place of photos from unprotected senders.</source>
        <translation>لغرفة الأخبار وحدها: كل ما في ملف المراجعة القانونية، مع مبررات تقدير المصداقية، والملاحظات الداخلية، والموقع الدقيق لصور المرسِلين غير المحميين.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>HTML page</source>
        <translation>صفحة HTML</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF document</source>
        <translation>مستند PDF</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Markdown text</source>
        <translation>نص Markdown</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV tables</source>
        <translation>جداول CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ClaimReview (JSON-LD)</source>
        <translation>⁦ClaimReview (JSON-LD)⁩</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Export Case</source>
        <translation>تصدير القضية</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export “{title}” for readers outside the newsroom. Before anything is written, the leak guard checks every file for the identities of protected sources, original file names, device serial numbers and exact coordinates of sensitive items.</source>
        <translation>تصدير «{title}» لقرّاء من خارج غرفة الأخبار. قبل كتابة أي شيء، يفحص حارس التسريب كل ملف بحثًا عن هويات المصادر المحمية، وأسماء الملفات الأصلية، والأرقام التسلسلية للأجهزة، والإحداثيات الدقيقة للعناصر الحساسة.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The sealed identities of {names} are compared with every file. A key holder who can open them unlocks the leak guard; the opening is recorded in the audit log.</source>
        <translation>تُقارَن الهويات المختومة لـ {names} بكل ملف. يفتح حارسَ التسريب حاملُ مفتاح يملك صلاحية فتحها، ويُسجَّل ذلك في سجل التدقيق.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No source of this case has a sealed identity, so the leak guard needs no key holder.</source>
        <translation>لا يوجد في هذه القضية مصدر بهوية مختومة، لذا لا يحتاج حارس التسريب إلى حامل مفتاح.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>For:</source>
        <translation>الجهة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Formats:</source>
        <translation>الصيغ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photos:</source>
        <translation>الصور:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Into folder:</source>
        <translation>داخل المجلد:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New folder name:</source>
        <translation>اسم المجلد الجديد:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leak guard:</source>
        <translation>حارس التسريب:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Key holder:</source>
        <translation>حامل المفتاح:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passphrase:</source>
        <translation>عبارة المرور:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The leak guard refused this export. Nothing was written.</source>
        <translation>رفض حارس التسريب هذا التصدير. لم يُكتب أي شيء.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Each line names the file, the claim, the item and the field where something that must not leave was found, never the value itself. Correct those records, or choose a profile that leaves the field out, and export again.</source>
        <translation>يذكر كل سطر الملف والادعاء والعنصر والحقل الذي وُجد فيه ما لا يجوز أن يخرج، دون ذكر القيمة نفسها أبدًا. صحّح تلك السجلات، أو اختر جهة لا يتضمن ملفها ذلك الحقل، ثم أعد التصدير.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open Folder</source>
        <translation>فتح المجلد</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Reading the key holders</source>
        <translation>جارٍ قراءة حاملي المفاتيح</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Thumbnails and full-size copies, re-encoded from the originals without any metadata (no EXIF, GPS or serial numbers).</source>
        <translation>صور مصغَّرة ونسخ بالحجم الكامل، يُعاد ترميزها من الأصول دون أي بيانات وصفية (لا EXIF ولا GPS ولا أرقام تسلسلية).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Thumbnails only, without any metadata.</source>
        <translation>صور مصغَّرة فقط، دون أي بيانات وصفية.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No photos: this profile leaves evidence out.</source>
        <translation>لا صور: هذا الملف لا يتضمن الأدلة.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export into Folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No key holder is enrolled in this workspace (&apos;verifier keys enroll&apos;).</source>
        <translation>لا يوجد حامل مفتاح مسجَّل في مساحة العمل هذه (&apos;verifier keys enroll&apos;).</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Starting the export…</source>
        <translation>جارٍ بدء التصدير…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Exporting the case</source>
        <translation>جارٍ تصدير القضية</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>{step} ({done} of {total})</source>
        <translation>{step} ({done} من {total})</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The files are being checked and written; this step cannot be interrupted.</source>
        <translation>تجري الآن كتابة الملفات وفحصها؛ لا يمكن مقاطعة هذه الخطوة.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The export is written and recorded in the audit log.</source>
        <translation>اكتمل التصدير وسُجِّل في سجل التدقيق.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{claims} claim(s) for “{profile}” in {files} file(s), {size} in all, written to {folder}</source>
        <translation>الادعاءات: {claims}، الجهة: «{profile}»، الملفات: {files} بحجم إجمالي {size}، كُتبت في {folder}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The export stopped; nothing was written.</source>
        <translation>توقف التصدير؛ لم يُكتب أي شيء.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cancelled; nothing was written.</source>
        <translation>أُلغي التصدير؛ لم يُكتب أي شيء.</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../ui/models/findings.py" line="+62"/>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information</source>
        <translation>معلومة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Time</source>
        <translation>الزمن</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recycled pictures</source>
        <translation>صور مُعاد تداولها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editing traces</source>
        <translation>آثار تعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices</source>
        <translation>الأجهزة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun and light</source>
        <translation>الشمس والضوء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claims compared</source>
        <translation>مقارنة الادعاءات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corroboration</source>
        <translation>التعزيز</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Taken after it was received</source>
        <translation>التُقطت بعد استلامها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken outside the claimed period</source>
        <translation>التُقطت خارج الفترة المزعومة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture time uncertain</source>
        <translation>وقت الالتقاط غير مؤكد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken within the claimed period</source>
        <translation>التُقطت ضمن الفترة المزعومة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent long after it was taken</source>
        <translation>أُرسلت بعد التقاطها بمدة طويلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modified after capture</source>
        <translation>عُدّلت بعد الالتقاط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Modified before its capture time</source>
        <translation>عُدّلت قبل وقت التقاطها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No capture time</source>
        <translation>لا وقت التقاط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone does not fit the position</source>
        <translation>المنطقة الزمنية لا تطابق الموقع</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone unknown</source>
        <translation>المنطقة الزمنية غير معروفة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nearest named places</source>
        <translation>أقرب الأماكن المسمّاة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No GPS position</source>
        <translation>لا موقع GPS</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken outside the claimed place</source>
        <translation>التُقطت خارج المكان المزعوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taken inside the claimed place</source>
        <translation>التُقطت داخل المكان المزعوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place name not in the gazetteer</source>
        <translation>اسم المكان ليس في دليل الأماكن</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received before the claimed event</source>
        <translation>استُلمت قبل الحدث المزعوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same picture received again</source>
        <translation>الصورة نفسها استُلمت مجددًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Picture already received</source>
        <translation>صورة مستلمة من قبل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dimensions changed</source>
        <translation>تغيّرت الأبعاد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low JPEG quality</source>
        <translation>جودة JPEG منخفضة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No camera metadata</source>
        <translation>لا بيانات وصفية من الكاميرا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editing software recorded</source>
        <translation>سُجّل برنامج تعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re-saved by software</source>
        <translation>أُعيد حفظها ببرنامج</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail of another shape</source>
        <translation>صورة مصغّرة بشكل مختلف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail shows another picture</source>
        <translation>الصورة المصغّرة تُظهر صورة أخرى</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Thumbnail rotated</source>
        <translation>الصورة المصغّرة مُدارة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Editing history recorded</source>
        <translation>سُجّل تاريخ تعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Several devices, one sender</source>
        <translation>عدة أجهزة، مرسل واحد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One camera behind unrelated sources</source>
        <translation>كاميرا واحدة وراء مصادر غير مترابطة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One camera, related sources</source>
        <translation>كاميرا واحدة، مصادر مترابطة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One exposure from unrelated sources</source>
        <translation>لقطة واحدة من مصادر غير مترابطة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One exposure, related sources</source>
        <translation>لقطة واحدة، مصادر مترابطة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sun position at capture</source>
        <translation>موقع الشمس عند الالتقاط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light in the photo does not fit the claim</source>
        <translation>الضوء في الصورة لا يطابق الادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Daylight does not fit the claim&apos;s words</source>
        <translation>ضوء النهار لا يطابق نص الادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periods exclude each other</source>
        <translation>فترتان متنافيتان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Places too far apart</source>
        <translation>أماكن متباعدة جدًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quantities disagree</source>
        <translation>أعداد متعارضة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Independent origins</source>
        <translation>المنابع المستقلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewer origins than records</source>
        <translation>منابع أقل من السجلات</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status not backed by origins</source>
        <translation>حالة لا تسندها المنابع</translation>
    </message>
    <message>
        <location line="+188"/>
        <source>Severity</source>
        <translation>الخطورة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Family</source>
        <translation>الفئة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Finding</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Concerns</source>
        <translation>تخص</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Explanation</source>
        <translation>الشرح</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The records the finding speaks of, by alias or file name</source>
        <translation>السجلات التي تتحدث عنها نتيجة الفحص، بأسمائها المستعارة أو أسماء ملفاتها</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <location filename="../../ui/widgets/findings_panel.py" line="+65"/>
        <source>and {count} more</source>
        <translation>و{count} غيرها</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>testimony of {alias}</source>
        <translation>شهادة {alias}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>this case</source>
        <translation>هذه القضية</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>photo #{id}</source>
        <translation>الصورة #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>claim #{id}</source>
        <translation>الادعاء #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>source #{id}</source>
        <translation>المصدر #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>testimony #{id}</source>
        <translation>الشهادة #{id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>case #{id}</source>
        <translation>القضية #{id}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Findings</source>
        <translation>نتائج الفحص</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Show:</source>
        <translation>إظهار:</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Family:</source>
        <translation>ال&amp;فئة:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every family</source>
        <translation>كل الفئات</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>{view} ({count})</source>
        <translation>{view} ({count})</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Cross-referencing the case…</source>
        <translation>جارٍ التحقق المتقاطع من القضية…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{count} finding(s)</source>
        <translation>نتائج الفحص: {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{shown} of {count} finding(s) shown</source>
        <translation>تُعرض {shown} من {count} من نتائج الفحص</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Pick a finding to read its explanation.</source>
        <translation>اختر نتيجة فحص لقراءة شرحها.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The cross-reference found nothing to report in this case.</source>
        <translation>لم يجد التحقق المتقاطع ما يستدعي الإبلاغ في هذه القضية.</translation>
    </message>
    <message>
        <location line="-255"/>
        <source>Concerns: {names}</source>
        <translation>تخص: {names}</translation>
    </message>
</context>
<context>
    <name>GalleryDelegate</name>
    <message>
        <location filename="../../ui/widgets/gallery_delegate.py" line="+52"/>
        <source>GPS</source>
        <translation>GPS</translation>
    </message>
</context>
<context>
    <name>IdentitySection</name>
    <message>
        <location filename="../../ui/dialogs/source_editor.py" line="+397"/>
        <source>Open the sealed identity</source>
        <translation>فتح الهوية المختومة</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The key holder&apos;s passphrase</source>
        <translation>عبارة المرور الخاصة بحامل المفتاح</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why you need to see it (kept in the audit log)</source>
        <translation>لماذا تحتاج إلى الاطلاع عليها (يُحفظ في سجل التدقيق)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unseal</source>
        <translation>&amp;فتح الختم</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every opening is recorded in the audit log with your name, the time and your reason. The identity is hidden again after {minutes} minutes without activity here, and when this window closes.</source>
        <translation>يُسجَّل كل فتح في سجل التدقيق مع اسمك والوقت والسبب الذي ذكرته. وتُخفى الهوية مجددًا بعد {minutes} دقيقة دون أي نشاط هنا، وعند إغلاق هذه النافذة.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key &amp;holder:</source>
        <translation>&amp;حامل المفتاح:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;عبارة المرور:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reason:</source>
        <translation>ال&amp;سبب:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Identity (unsealed)</source>
        <translation>الهوية (مفتوحة الختم)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Lock now</source>
        <translation>&amp;قفل الآن</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Seal the identity</source>
        <translation>ختم الهوية</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stored encrypted: only the key holders you tick can open it, with their passphrase and a recorded reason. Leave unknown fields empty.</source>
        <translation>تُحفظ مشفّرة: لا يستطيع فتحها إلا حاملو المفاتيح الذين تؤشّر عليهم، بعبارة المرور الخاصة بهم وبسبب يُسجَّل. اترك الحقول غير المعروفة فارغة.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Who may open it:</source>
        <translation>من يحق له فتحها:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No key holder is enrolled in this workspace yet. Enrol one first, e.g. &apos;verifier keys enroll chief-editor&apos;.</source>
        <translation>لا يوجد حامل مفتاح مسجَّل في مساحة العمل هذه بعد. سجّل واحدًا أولًا، مثلًا: &apos;verifier keys enroll chief-editor&apos;.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Seal identity</source>
        <translation>&amp;ختم الهوية</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Identity: {state}</source>
        <translation>الهوية: {state}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>nobody</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who holds access: {holders}</source>
        <translation>من يملك صلاحية الوصول: {holders}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Known to (attested, not stored): {editors}</source>
        <translation>يعرفها (بإقرار، دون حفظها): {editors}</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>Unsealing an identity</source>
        <translation>جارٍ فتح ختم الهوية</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Hidden again after {minutes} without activity here.</source>
        <translation>تُخفى مجددًا بعد {minutes} دون أي نشاط هنا.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} min</source>
        <translation>{n} دقيقة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} s</source>
        <translation>{n} ثانية</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wrong passphrase for {holder}: nothing was revealed and nothing was recorded.</source>
        <translation>عبارة مرور خاطئة لحامل المفتاح ⁨{holder}⁩: لم يُكشف أي شيء ولم يُسجَّل أي شيء.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Sealing an identity</source>
        <translation>جارٍ ختم الهوية</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/import_photos.py" line="+60"/>
        <source>Import Photos</source>
        <translation>استيراد صور</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The originals are copied unchanged into the vault. Say where they came from: it is what the findings compare the pictures with.</source>
        <translation>تُنسخ الأصول إلى الخزنة دون أي تعديل. اذكر من أين جاءت: فهذا ما تقارن به نتائج الفحص الصور.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Add Files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add Folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+5"/>
        <source>Not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>What the submitter wrote with the photos</source>
        <translation>ما كتبه المرسِل مع الصور</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. “this morning”, 21 Feb 2019</source>
        <translation>مثلًا: «هذا الصباح»، 21 شباط 2019</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. near Makhmour</source>
        <translation>مثلًا: قرب مخمور</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Files:</source>
        <translation>الملفات:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sent by:</source>
        <translation>المرسِل:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrived by:</source>
        <translation>وصلت عبر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received at:</source>
        <translation>وقت الاستلام:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption:</source>
        <translation>التعليق:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed date:</source>
        <translation>التاريخ المزعوم:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed place:</source>
        <translation>المكان المزعوم:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Add Photos</source>
        <translation>إضافة صور</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Photos ({patterns});;All files (*)</source>
        <translation>الصور ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add a Folder of Photos</source>
        <translation>إضافة مجلد صور</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location line="+34"/>
        <source>Import Report</source>
        <translation>تقرير الاستيراد</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Imported</source>
        <translation>استُوردت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Already received</source>
        <translation>وصلت من قبل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused</source>
        <translation>رُفضت</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Skipped</source>
        <translation>تُخطّيت</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{imported} imported ({recycled} already received before), {failed} refused, {skipped} skipped.</source>
        <translation>استُورد: {imported} (منها {recycled} وصلت من قبل)، رُفض: {failed}، تُخطّي: {skipped}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled: {count} file(s) not started.</source>
        <translation>أُلغي: ملفات لم تبدأ: {count}.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Outcome</source>
        <translation>النتيجة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Why</source>
        <translation>السبب</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <location filename="../../ui/widgets/language_menu.py" line="+37"/>
        <source>&amp;Language</source>
        <translation>&amp;اللغة</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>English</source>
        <comment>the language&apos;s own name: leave it unchanged</comment>
        <translation>English</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>العربية</source>
        <comment>the language&apos;s own name: leave it unchanged</comment>
        <translation>العربية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>کوردیی ناوەندی</source>
        <comment>the language&apos;s own name: leave it unchanged</comment>
        <translation>کوردیی ناوەندی</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>System language</source>
        <translation>لغة النظام</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Follow the desktop&apos;s language</source>
        <translation>اتّباع لغة سطح المكتب</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>the desktop&apos;s language</source>
        <translation>لغة سطح المكتب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source Verifier will show its menus and views in {language} the next time it starts.</source>
        <translation>سيعرض مدقق المصادر قوائمه وعروضه باللغة {language} عند تشغيله في المرة القادمة.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Your choice is saved; nothing else changes until then.</source>
        <translation>حُفظ اختيارك؛ ولن يتغير شيء آخر حتى ذلك الحين.</translation>
    </message>
</context>
<context>
    <name>LinkEvidenceDialog</name>
    <message>
        <location filename="../../ui/dialogs/move_claim.py" line="+148"/>
        <source>Link Evidence</source>
        <translation>ربط دليل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim #{id}: {statement}</source>
        <translation>الادعاء #{id}: {statement}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Evidence:</source>
        <translation>الأدلة:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;How it bears on the claim:</source>
        <translation>&amp;علاقته بالادعاء:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional: what in the photo bears on the claim</source>
        <translation>اختياري: ما الذي في الصورة يتصل بالادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>&amp;ملاحظة:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Already linked this way (left as is): {names}</source>
        <translation>مرتبطة بهذه الطريقة من قبل (تُركت كما هي): {names}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Linking evidence to claim #{id}</source>
        <translation>جارٍ ربط الأدلة بالادعاء #{id}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+157"/>
        <source>Source Verifier</source>
        <translation>مدقق المصادر</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>&amp;New Case…</source>
        <translation>&amp;قضية جديدة…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open a new case in this workspace</source>
        <translation>فتح قضية جديدة في مساحة العمل هذه</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Open Workspace…</source>
        <translation>&amp;فتح مساحة عمل…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open another workspace folder</source>
        <translation>فتح مجلد مساحة عمل أخرى</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;Source…</source>
        <translation>إضافة &amp;مصدر…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Log a source in this case under an alias</source>
        <translation>تسجيل مصدر في هذه القضية باسم مستعار</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;Claim…</source>
        <translation>إضافة &amp;ادعاء…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add a checkable statement to this case</source>
        <translation>إضافة عبارة قابلة للتحقق إلى هذه القضية</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export Case…</source>
        <translation>&amp;تصدير القضية…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Write the case for a partner, a lawyer or publication, behind the leak guard</source>
        <translation>إعداد القضية لمؤسسة شريكة أو لمستشار قانوني أو للنشر، بعد فحص حارس التسريب</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit Source…</source>
        <translation>&amp;تحرير المصدر…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the selected source: terms, grade, relationships, sealed identity</source>
        <translation>تحرير المصدر المحدد: الشروط والتقييم والعلاقات والهوية المختومة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;Testimony…</source>
        <translation>إضافة &amp;شهادة…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Record what a source said, when, where and how</source>
        <translation>تسجيل ما قاله المصدر، ومتى وأين وكيف</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit Tes&amp;timony…</source>
        <translation>تحرير ال&amp;شهادة…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the selected testimony, or make claims from its passages</source>
        <translation>تحرير الشهادة المحددة، أو استخراج ادعاءات من مقاطعها</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Import Photos…</source>
        <translation>&amp;استيراد صور…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy photos into the vault and record where they came from (or drop files here)</source>
        <translation>نسخ الصور إلى الخزنة وتسجيل مصدرها (أو أفلت الملفات هنا)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reload</source>
        <translation>إعادة ال&amp;تحميل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read the case again</source>
        <translation>قراءة القضية من جديد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Filter…</source>
        <translation>&amp;تصفية…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Search All Records…</source>
        <translation>&amp;بحث في كل السجلات…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Full-text search over the sources, testimonies, claims and places of every case</source>
        <translation>بحث نصي كامل في المصادر والشهادات والادعاءات والأماكن في كل القضايا</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify &amp;Vault</source>
        <translation>التحقق من ال&amp;خزنة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Re-hash every stored original and report missing or altered files</source>
        <translation>إعادة حساب بصمة كل أصل محفوظ والإبلاغ عن الملفات المفقودة أو المعدَّلة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Verify &amp;Audit Chain</source>
        <translation>التحقق من &amp;سلسلة التدقيق</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check that no audit entry was edited, removed, inserted or reordered</source>
        <translation>التأكد من أن أي قيد في سجل التدقيق لم يُعدَّل أو يُحذف أو يُدرج أو يُعَد ترتيبه</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;About Source Verifier</source>
        <translation>&amp;حول مدقق المصادر</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open &amp;Recent</source>
        <translation>المفتوحة &amp;مؤخرًا</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Case</source>
        <translation>&amp;قضية</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Tools</source>
        <translation>&amp;أدوات</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Case</source>
        <translation>القضية</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Case:</source>
        <translation>القضية:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The case shown in every view</source>
        <translation>القضية المعروضة في كل العروض</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Filter every view (Ctrl+F)</source>
        <translation>تصفية كل العروض (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the running task; nothing half-done is kept</source>
        <translation>إيقاف المهمة الجارية؛ لا يُحفظ أي عمل غير مكتمل</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Checking for changes by others</source>
        <translation>جارٍ التحقق من تغييرات أجراها آخرون</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Opening {path}…</source>
        <translation>جارٍ فتح ⁦{path}⁩…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Building the demo case</source>
        <translation>جارٍ إنشاء القضية التجريبية</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Opening the workspace</source>
        <translation>جارٍ فتح مساحة العمل</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{user} (single-user workspace)</source>
        <translation>⁨{user}⁩ (مساحة عمل لمستخدم واحد)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reporter</source>
        <translation>مراسل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>editor</source>
        <translation>محرر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>administrator</source>
        <translation>مدير</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{user} ({role})</source>
        <translation>⁨{user}⁩ ({role})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Workspace: {path}   ·   Database: {backend}   ·   User: {user}</source>
        <translation>مساحة العمل: ⁦{path}⁩   ·   قاعدة البيانات: {backend}   ·   المستخدم: ⁨{user}⁩</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Source Verifier — {path}</source>
        <translation>مدقق المصادر — ⁦{path}⁩</translation>
    </message>
    <message>
        <location line="+88"/>
        <source>Reading the cases</source>
        <translation>جارٍ قراءة القضايا</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Loading the case</source>
        <translation>جارٍ تحميل القضية</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Loading {count} claims</source>
        <translation>جارٍ تحميل الادعاءات: {count}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Only the first claims of the case are shown. Press F5 to read all of them.</source>
        <translation>لا تُعرض إلا الادعاءات الأولى من القضية. اضغط F5 لقراءتها كلها.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Select a source to edit in the Sources view.</source>
        <translation>اختر مصدرًا لتحريره في عرض المصادر.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Select a testimony to edit in the Testimonies view.</source>
        <translation>اختر شهادة لتحريرها في عرض الشهادات.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Claim #{id} created from the testimony.</source>
        <translation>أُنشئ الادعاء رقم {id} من الشهادة.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Vault check cancelled.</source>
        <translation>أُلغي فحص الخزنة.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifying the vault</source>
        <translation>جارٍ التحقق من الخزنة</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Verifying the audit chain</source>
        <translation>جارٍ التحقق من سلسلة التدقيق</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling…</source>
        <translation>جارٍ الإلغاء…</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Opening the workspace was cancelled.</source>
        <translation>أُلغي فتح مساحة العمل.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>No workspace open</source>
        <translation>لا توجد مساحة عمل مفتوحة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a workspace folder with File ▸ Open Workspace… (Ctrl+O).</source>
        <translation>افتح مجلد مساحة عمل من ملف ◂ فتح مساحة عمل… (Ctrl+O).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing to show yet.</source>
        <translation>لا شيء لعرضه بعد.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No case yet</source>
        <translation>لا توجد قضية بعد</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create the first case of this workspace with File ▸ New Case… (Ctrl+N).</source>
        <translation>أنشئ أول قضية في مساحة العمل هذه من ملف ◂ قضية جديدة… (Ctrl+N).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cases you create appear in the selector above.</source>
        <translation>تظهر القضايا التي تنشئها في القائمة أعلاه.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{view} (first {shown} of {count}, loading)</source>
        <translation>{view} (أول {shown} من {count}، جارٍ التحميل)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{view} ({count})</source>
        <translation>{view} ({count})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{view} ({shown} of {count})</source>
        <translation>{view} ({shown} من {count})</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No row matches the filter.</source>
        <translation>لا يطابق أي صف عامل التصفية.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pick an item to see its details here.</source>
        <translation>اختر عنصرًا لعرض تفاصيله هنا.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Reading photo facts</source>
        <translation>جارٍ قراءة بيانات الصور</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Counting findings per photo</source>
        <translation>جارٍ عدّ نتائج الفحص لكل صورة</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Importing photos</source>
        <translation>جارٍ استيراد الصور</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Case “{title}” created.</source>
        <translation>أُنشئت القضية «{title}».</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Missing from the vault: {sha}</source>
        <translation>مفقود من الخزنة: {sha}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Altered (bytes no longer match): {sha}</source>
        <translation>معدَّل (لم يعد المحتوى مطابقًا): {sha}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stored but not referenced: {sha}</source>
        <translation>محفوظ لكن لا يرتبط بأي سجل: {sha}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unexpected file: {name}</source>
        <translation>ملف غير متوقع: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The vault is intact: {count} stored originals re-hashed, none missing or altered.</source>
        <translation>الخزنة سليمة: أُعيد حساب بصمات الأصول المحفوظة ({count})، ولا شيء مفقود أو معدَّل.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The vault has problems: {missing} missing and {altered} altered files.</source>
        <translation>في الخزنة مشكلات: ملفات مفقودة: {missing}، وملفات معدَّلة: {altered}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vault check</source>
        <translation>فحص الخزنة</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit chain holds: {count} entries checked, none edited, removed or reordered.</source>
        <translation>سلسلة التدقيق سليمة: فُحصت القيود ({count})، ولم يُعدَّل أي منها أو يُحذف أو يُعَد ترتيبه.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The audit chain is broken in {count} places.</source>
        <translation>سلسلة التدقيق مكسورة في مواضع عددها {count}.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Audit chain check</source>
        <translation>فحص سلسلة التدقيق</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} item(s) need attention; see the details.</source>
        <translation>عناصر تحتاج إلى انتباه: {count}؛ راجع التفاصيل.</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Open Workspace</source>
        <translation>فتح مساحة عمل</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No recent workspaces</source>
        <translation>لا توجد مساحات عمل فُتحت مؤخرًا</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Closing the workspace</source>
        <translation>جارٍ إغلاق مساحة العمل</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>About Source Verifier</source>
        <translation>حول مدقق المصادر</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;h3&gt;Source Verifier {version}&lt;/h3&gt;&lt;p&gt;Verify testimony and photos from the field without exposing anonymous sources.&lt;/p&gt;&lt;p&gt;Every change is recorded in a hash-chained audit log; originals are kept unchanged in a content-addressed vault.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;مدقق المصادر {version}&lt;/h3&gt;&lt;p&gt;تحقَّق من الشهادات والصور الواردة من الميدان دون كشف المصادر المجهولة.&lt;/p&gt;&lt;p&gt;يُسجَّل كل تغيير في سجل تدقيق متسلسل بالبصمات، وتُحفظ الأصول كما وصلت في خزنة تُعنوَن بمحتواها.&lt;/p&gt;&lt;p&gt;مرخَّص بموجب رخصة جنو العمومية (GNU GPL)، الإصدار 3 أو أي إصدار لاحق.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MakeClaimDialog</name>
    <message>
        <location filename="../../ui/dialogs/testimony_editor.py" line="+179"/>
        <source>Make Claim</source>
        <translation>استخراج ادعاء</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the claim as one checkable statement. The selected passage is kept as its quote, and the testimony is linked as asserting it.</source>
        <translation>اكتب الادعاء عبارةً واحدة قابلة للتحقق. يُحفظ المقطع المحدد اقتباسًا له، وتُربط الشهادة به على أنها تؤكده.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not stated</source>
        <translation>غير مذكور</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quote:</source>
        <translation>الاقتباس:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Statement:</source>
        <translation>ال&amp;عبارة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source&apos;s &amp;connection:</source>
        <translation>&amp;كيف عرف المصدر:</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <location filename="../../ui/widgets/map_panel.py" line="+360"/>
        <source>Map</source>
        <translation>الخريطة</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Fit All</source>
        <translation>إظهار الكل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show every item of the case</source>
        <translation>إظهار كل عناصر القضية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom In</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Towns</source>
        <translation>البلدات</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show nearby towns from the offline gazetteer</source>
        <translation>إظهار البلدات القريبة من معجم الأماكن غير المتصل بالإنترنت</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open in an Online Map…</source>
        <translation>فتح في خريطة على الإنترنت…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the selected point on OpenStreetMap (asks first: the coordinates leave this machine)</source>
        <translation>إظهار النقطة المحددة على OpenStreetMap (يطلب التأكيد أولًا: ستخرج الإحداثيات من هذا الجهاز)</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Reading photo positions</source>
        <translation>جارٍ قراءة مواقع الصور</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>{name}
{lat:.5f}, {lon:.5f} · {precision} precision (±{radius})</source>
        <translation>{name}
{lat:.5f}, {lon:.5f} · الدقة: {precision} (±{radius})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Also: {aliases}</source>
        <translation>أسماء أخرى: {aliases}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Claim #{id}: {statement}
At {place} ({where}), {precision} precision (±{radius})</source>
        <translation>الادعاء #{id}: {statement}
في {place} ({where})، الدقة: {precision} (±{radius})</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>#{id}</source>
        <translation>#{id}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>positioning error ±{error}</source>
        <translation>خطأ تحديد الموقع ±{error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>positioning error not recorded</source>
        <translation>خطأ تحديد الموقع غير مسجَّل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{name}
GPS {lat:.5f}, {lon:.5f} · {error}
Double-click to open the photo</source>
        <translation>{name}
GPS {lat:.5f}, {lon:.5f} · {error}
انقر نقرًا مزدوجًا لفتح الصورة</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{name} ({country}), town of the offline gazetteer · population {population}</source>
        <translation>{name} ({country})، بلدة من معجم الأماكن غير المتصل بالإنترنت · عدد السكان {population}</translation>
    </message>
    <message>
        <location line="+261"/>
        <source>Geodesic distance on the WGS84 ellipsoid: {metres} m</source>
        <translation>المسافة الجيوديسية على مجسّم WGS84 الإهليلجي: {metres} م</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Open in an Online Map</source>
        <translation>فتح في خريطة على الإنترنت</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the coordinates {lat:.5f}, {lon:.5f} to OpenStreetMap?</source>
        <translation>هل تريد إرسال الإحداثيات {lat:.5f}, {lon:.5f} إلى OpenStreetMap؟</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The web browser will ask openstreetmap.org for this position: the coordinates leave this machine, and the map service, your network and anyone watching it can see which place you looked at, from this computer. Do not do this for a position that could point to an anonymous source.</source>
        <translation>سيطلب متصفح الويب هذا الموقع من openstreetmap.org: ستخرج الإحداثيات من هذا الجهاز، ويمكن لخدمة الخرائط ولشبكتك ولأي جهة تراقبها معرفة المكان الذي اطّلعت عليه من هذا الحاسوب. لا تفعل ذلك مع أي موقع قد يدل على مصدر مجهول الهوية.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open Online Map</source>
        <translation>فتح الخريطة على الإنترنت</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>place (circle: its precision)</source>
        <translation>مكان (الدائرة: دقته)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>claim, at its place</source>
        <translation>ادعاء، في مكانه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo GPS (circle: positioning error)</source>
        <translation>موقع GPS للصورة (الدائرة: خطأ تحديد الموقع)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>town, for reference</source>
        <translation>بلدة، للاسترشاد</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No place of this case has coordinates yet.</source>
        <translation>لا يوجد مكان في هذه القضية له إحداثيات بعد.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{count} places</source>
        <translation>الأماكن: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} claims</source>
        <translation>الادعاءات: {count}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{count} photos with GPS</source>
        <translation>صور فيها GPS: {count}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} claims without a located place are not shown</source>
        <translation>لا تُعرض ادعاءات بلا مكان محدد: {count}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{count} photos without GPS are not shown</source>
        <translation>لا تُعرض صور بلا GPS: {count}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{a} ↔ {b}: {distance} (geodesic, WGS84)</source>
        <translation>{a} ↔ {b}: {distance} (جيوديسية، WGS84)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click an item to see it; Ctrl+click a second one to measure the distance.</source>
        <translation>انقر عنصرًا لعرضه؛ وانقر عنصرًا ثانيًا مع Ctrl لقياس المسافة بينهما.</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <location line="-671"/>
        <source>N</source>
        <translation>ش</translation>
    </message>
</context>
<context>
    <name>MetadataTreeModel</name>
    <message>
        <location filename="../../ui/models/metadata.py" line="+60"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Content Credentials (C2PA)</source>
        <translation>بيانات اعتماد المحتوى (C2PA)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reader warnings</source>
        <translation>تحذيرات القارئ</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Tag</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>القيمة</translation>
    </message>
</context>
<context>
    <name>MoveClaimDialog</name>
    <message>
        <location filename="../../ui/dialogs/move_claim.py" line="-150"/>
        <source>Move Claim</source>
        <translation>نقل الادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim #{id}: {statement}</source>
        <translation>الادعاء #{id}: {statement}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From:</source>
        <translation>من:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;To:</source>
        <translation>&amp;إلى:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Required: what you checked and why it justifies the new status (kept in the audit log).</source>
        <translation>مطلوب: ما الذي تحققت منه، ولماذا يبرر الحالة الجديدة (يُحفظ في سجل التدقيق).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Why:</source>
        <translation>ال&amp;سبب:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not graded</source>
        <translation>غير مُقيّم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep ({grade})</source>
        <translation>إبقاء ({grade})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Credibility:</source>
        <translation>ال&amp;مصداقية:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Moving claim #{id}</source>
        <translation>جارٍ نقل الادعاء #{id}</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Claim #{id} was changed by someone else since the board was read, so it was not moved. The board now shows it as it is; move it again if you still want to.

{detail}</source>
        <translation>عدّل شخص آخر الادعاء #{id} بعد قراءة اللوحة، لذا لم يُنقل. تعرضه اللوحة الآن بحالته الحالية؛ انقله مجددًا إن كنت لا تزال تريد ذلك.

{detail}</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../ui/dialogs/new_case.py" line="+23"/>
        <source>New Case</source>
        <translation>قضية جديدة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A case gathers the sources, testimonies, claims and evidence of one story.</source>
        <translation>تجمع القضية مصادر قصة واحدة وشهاداتها وادعاءاتها وأدلتها.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>e.g. Shelling of the market on 3 May</source>
        <translation>مثلًا: قصف السوق في 3 أيار</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What is being verified, and why</source>
        <translation>ما الذي يجري التحقق منه، ولماذا</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Title:</source>
        <translation>ال&amp;عنوان:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Summary:</source>
        <translation>المل&amp;خص:</translation>
    </message>
</context>
<context>
    <name>PhotoViewerDialog</name>
    <message>
        <location filename="../../ui/dialogs/photo_viewer.py" line="+179"/>
        <source>Photo #{id}</source>
        <translation>الصورة #{id}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit</source>
        <translation>ملاءمة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual size</source>
        <translation>الحجم الفعلي</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Zoom: {percent} %</source>
        <translation>التكبير: {percent} %</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error level analysis</source>
        <translation>تحليل مستوى الخطأ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show how much each area changes when the photo is saved again as JPEG. Bright areas compressed differently deserve a look; ELA alone proves neither editing nor its absence.</source>
        <translation>يُظهر مقدار تغيّر كل منطقة عند حفظ الصورة مجددًا بصيغة JPEG. المناطق الساطعة المضغوطة بشكل مختلف تستحق النظر؛ ولا يثبت تحليل مستوى الخطأ وحده التعديل ولا غيابه.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export sanitized copy…</source>
        <translation>تصدير نسخة منقّاة…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save a copy without any metadata (upright, sRGB JPEG); the original stays untouched</source>
        <translation>حفظ نسخة دون أي بيانات وصفية (معتدلة الاتجاه، JPEG بألوان sRGB)؛ ويبقى الأصل كما هو</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Reading the photo…</source>
        <translation>جارٍ قراءة الصورة…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Filter tags and values</source>
        <translation>تصفية الوسوم والقيم</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Summary and findings</source>
        <translation>الملخص ونتائج الفحص</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Metadata</source>
        <translation>البيانات الوصفية</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Opening the photo</source>
        <translation>فتح الصورة</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Cross-referencing the photo</source>
        <translation>التحقق المتقاطع من الصورة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Photo #{id} — {name}</source>
        <translation>الصورة #{id} — {name}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The picture cannot be shown: {reason}</source>
        <translation>لا يمكن عرض الصورة: {reason}</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Computing error level analysis…</source>
        <translation>جارٍ حساب تحليل مستوى الخطأ…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computing ELA</source>
        <translation>حساب تحليل مستوى الخطأ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Error level analysis: brighter areas changed more when re-saved at JPEG quality 90. Edges and texture are always bright; look for areas that differ from similar surroundings.</source>
        <translation>تحليل مستوى الخطأ: المناطق الأكثر سطوعًا تغيّرت أكثر عند إعادة الحفظ بجودة JPEG 90. الحواف والنقوش ساطعة دائمًا؛ ابحث عن مناطق تختلف عن محيط مشابه لها.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Error level analysis failed: {reason}</source>
        <translation>فشل تحليل مستوى الخطأ: {reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Export sanitized copy</source>
        <translation>تصدير نسخة منقّاة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>JPEG pictures (*.jpg *.jpeg)</source>
        <translation>صور JPEG (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Exporting a sanitized copy</source>
        <translation>جارٍ تصدير نسخة منقّاة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sanitized copy saved to {path}</source>
        <translation>حُفظت النسخة المنقّاة في {path}</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>the camera&apos;s time-zone tag (OffsetTimeOriginal)</source>
        <translation>وسم المنطقة الزمنية في الكاميرا (OffsetTimeOriginal)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the difference between the camera clock and the GPS time (inferred)</source>
        <translation>الفرق بين ساعة الكاميرا ووقت GPS (استنتاجًا)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not recorded: the UTC time is uncertain by up to 14 hours</source>
        <translation>غير مسجَّلة: وقت UTC غير مؤكد بفارق قد يصل إلى 14 ساعة</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No Content Credentials embedded</source>
        <translation>لا توجد بيانات اعتماد محتوى مضمَّنة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Content Credentials valid, signed by a trusted signer</source>
        <translation>بيانات اعتماد المحتوى صالحة، وقّعها موقّع موثوق</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content Credentials valid, but the signer is not on the trust list</source>
        <translation>بيانات اعتماد المحتوى صالحة، لكن الموقّع ليس في قائمة الثقة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content Credentials present but invalid (changed after signing, or malformed)</source>
        <translation>بيانات اعتماد المحتوى موجودة لكنها غير صالحة (عُدّلت بعد التوقيع أو تالفة)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Content Credentials present, not checked (C2PA library not installed)</source>
        <translation>بيانات اعتماد المحتوى موجودة ولم تُفحص (مكتبة C2PA غير مثبّتة)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Conflict</source>
        <translation>تعارض</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning</source>
        <translation>تحذير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Information</source>
        <translation>معلومة</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PHOTO</source>
        <translation>صورة</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+2"/>
        <source>Taken (UTC)</source>
        <translation>وقت الالتقاط (UTC)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Camera clock</source>
        <translation>ساعة الكاميرا</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time zone from</source>
        <translation>مصدر المنطقة الزمنية</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(serial {serial})</source>
        <translation>(الرقم التسلسلي {serial})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device</source>
        <translation>الجهاز</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>± {metres} m (GPSHPositioningError)</source>
        <translation>± {metres} م (GPSHPositioningError)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>precision not recorded (phone GPS is typically within 5 to 50 m)</source>
        <translation>الدقة غير مسجَّلة (دقة GPS في الهاتف عادةً بين 5 و50 م)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Position</source>
        <translation>الموقع</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Altitude</source>
        <translation>الارتفاع</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Software</source>
        <translation>البرنامج</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Content Credentials</source>
        <translation>بيانات اعتماد المحتوى</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>JPEG quality ≈ {q}</source>
        <translation>جودة JPEG ≈ {q}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>الملخص</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sent by</source>
        <translation>المرسِل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Arrived by</source>
        <translation>وصلت عبر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received (UTC)</source>
        <translation>وقت الاستلام (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caption</source>
        <translation>التعليق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed date</source>
        <translation>التاريخ المزعوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claimed place</source>
        <translation>المكان المزعوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original folder</source>
        <translation>المجلد الأصلي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Original name</source>
        <translation>الاسم الأصلي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Provenance</source>
        <translation>مسار الوصول</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Findings ({count})</source>
        <translation>نتائج الفحص ({count})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No rule has anything to say about this photo.</source>
        <translation>لا توجد قاعدة لديها ما تقوله عن هذه الصورة.</translation>
    </message>
</context>
<context>
    <name>QGuiApplication</name>
    <message>
        <location filename="../../ui/app.py" line="+55"/>
        <source>QT_LAYOUT_DIRECTION</source>
        <translation>RTL</translation>
    </message>
</context>
<context>
    <name>RecordEditorDialog</name>
    <message>
        <location filename="../../ui/dialogs/source_editor.py" line="-509"/>
        <source>Saved.</source>
        <translation>تم الحفظ.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{reason}

Not saved. Your edits are still in the form: close the editor and open it again to see the current version, then apply your change there.</source>
        <translation>{reason}

لم يُحفظ. تعديلاتك ما زالت في النموذج: أغلق المحرر ثم افتحه مجددًا لترى النسخة الحالية، وطبّق تعديلك عليها.</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../ui/dialogs/search.py" line="+73"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimony</source>
        <translation>الشهادة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>المكان</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>In case “{case}”</source>
        <translation>في القضية «{case}»</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Search All Records</source>
        <translation>البحث في كل السجلات</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Words in any script; every word must appear (also as the start of a word)</source>
        <translation>كلمات بأي أبجدية؛ يجب أن تظهر كل كلمة (ولو في بداية كلمة أطول)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This case</source>
        <translation>هذه القضية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All cases</source>
        <translation>كل القضايا</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>&amp;Search:</source>
        <translation>&amp;بحث:</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+13"/>
        <source>Type a word or two: names, places, what was said.</source>
        <translation>اكتب كلمة أو كلمتين: أسماء، أماكن، ما قيل.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Searching…</source>
        <translation>جارٍ البحث…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Searching</source>
        <translation>جارٍ البحث</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No record holds every word.</source>
        <translation>لا يوجد سجل يحتوي كل الكلمات.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The first {count} results, best first: add a word to narrow them.</source>
        <translation>أول {count} نتيجة، الأفضل أولًا: أضف كلمة لتضييق النتائج.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{count} result(s), best first. Enter shows one in its view.</source>
        <translation>النتائج: {count}، الأفضل أولًا. اضغط Enter لعرض النتيجة في عرضها.</translation>
    </message>
</context>
<context>
    <name>SourceEditorDialog</name>
    <message>
        <location filename="../../ui/dialogs/source_editor.py" line="+546"/>
        <source>Add Source</source>
        <translation>إضافة مصدر</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Source</source>
        <translation>تحرير المصدر</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Use an alias, never the real name: the alias is how this source appears everywhere in the app, in logs and in exports.</source>
        <translation>استخدم اسمًا مستعارًا، لا الاسم الحقيقي أبدًا: فبالاسم المستعار يظهر هذا المصدر في كل مكان في التطبيق، وفي السجلات، وفي ملفات التصدير.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Identity</source>
        <translation>ال&amp;هوية</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save the source first</source>
        <translation>احفظ المصدر أولًا</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading the source…</source>
        <translation>جارٍ قراءة المصدر…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>e.g. Hama</source>
        <translation>مثلًا: حمه</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>How published work may describe the source, e.g. &apos;a shepherd from the area&apos;</source>
        <translation>كيف يجوز وصف المصدر فيما يُنشر، مثلًا: «راعٍ من أهل المنطقة»</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Why the source asked, in their words</source>
        <translation>سبب طلب المصدر، بكلماته هو</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Why the newsroom agreed</source>
        <translation>سبب موافقة غرفة الأخبار</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Agreed on</source>
        <translation>تاريخ الاتفاق</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>What exactly was agreed</source>
        <translation>ما الذي اتُّفق عليه بالضبط</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For the newsroom only; never exported</source>
        <translation>لغرفة الأخبار وحدها؛ لا يُصدَّر أبدًا</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Optional; kept in the audit log with the change</source>
        <translation>اختياري؛ يُحفظ في سجل التدقيق مع التعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Alias:</source>
        <translation>الاسم ال&amp;مستعار:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>ال&amp;نوع:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public &amp;description:</source>
        <translation>ال&amp;وصف العلني:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attribution &amp;terms:</source>
        <translation>&amp;شروط الإسناد:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Identity kept from:</source>
        <translation>الهوية مخفية عن:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason &amp;given:</source>
        <translation>ال&amp;سبب المُعلَن:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason gra&amp;nted:</source>
        <translation>سبب ال&amp;موافقة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agreement:</source>
        <translation>الاتفاق:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terms a&amp;greed:</source>
        <translation>الشروط المت&amp;فق عليها:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>N&amp;otes:</source>
        <translation>&amp;ملاحظات:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for this c&amp;hange:</source>
        <translation>سبب هذا ال&amp;تعديل:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Details</source>
        <translation>ال&amp;تفاصيل</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No new grade</source>
        <translation>لا تقييم جديد</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Why this grade (required with a new grade)</source>
        <translation>سبب هذا التقييم (مطلوب مع أي تقييم جديد)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New &amp;grade:</source>
        <translation>ال&amp;تقييم الجديد:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;ationale:</source>
        <translation>ال&amp;تعليل:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new grade is recorded when you save; earlier grades stay in the history below.</source>
        <translation>يُسجَّل التقييم الجديد عند الحفظ؛ وتبقى التقييمات السابقة في السجل أدناه.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>History (newest first):</source>
        <translation>السجل (الأحدث أولًا):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rationale</source>
        <translation>التعليل</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Reliability</source>
        <translation>ال&amp;موثوقية</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Related sources (friends, relatives, colleagues, one device) count as one origin when claims are corroborated. Changes here are saved at once.</source>
        <translation>المصادر المترابطة (أصدقاء، أقارب، زملاء، جهاز واحد) تُحسب منبعًا واحدًا عند تعزيز الادعاءات. تُحفظ التغييرات هنا فورًا.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Related to</source>
        <translation>مرتبط بـ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship</source>
        <translation>العلاقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Since (UTC)</source>
        <translation>منذ (UTC)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Add a relationship</source>
        <translation>إضافة علاقة</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. Hama phoned him for us</source>
        <translation>مثلًا: حمه اتصل به نيابةً عنا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add &amp;relationship</source>
        <translation>إضافة &amp;علاقة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Source:</source>
        <translation>المصدر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relationship:</source>
        <translation>العلاقة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note:</source>
        <translation>ملاحظة:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Reason for removing the selected relationship</source>
        <translation>سبب إزالة العلاقة المحددة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation>إ&amp;زالة</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Relations&amp;hips</source>
        <translation>ال&amp;علاقات</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+184"/>
        <source>Reading the source</source>
        <translation>جارٍ قراءة المصدر</translation>
    </message>
    <message>
        <location line="-176"/>
        <source>Edit Source — {alias}</source>
        <translation>تحرير المصدر — ⁨{alias}⁩</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Current grade: {grade}</source>
        <translation>التقييم الحالي: {grade}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not graded yet</source>
        <translation>لم تُقيَّم بعد</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Saving a relationship</source>
        <translation>جارٍ حفظ العلاقة</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>The identity is sealed.</source>
        <translation>الهوية مختومة.</translation>
    </message>
</context>
<context>
    <name>TestimonyEditorDialog</name>
    <message>
        <location filename="../../ui/dialogs/testimony_editor.py" line="+52"/>
        <source>Add Testimony</source>
        <translation>إضافة شهادة</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Edit Testimony</source>
        <translation>تحرير الشهادة</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>What a source said, when, where and how. Select a passage of the transcript and make a claim from it (Ctrl+M).</source>
        <translation>ما قاله المصدر، ومتى وأين وكيف. حدّد مقطعًا من النص واستخرج منه ادعاءً (Ctrl+M).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reading…</source>
        <translation>جارٍ القراءة…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reading the testimony</source>
        <translation>جارٍ قراءة الشهادة</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>2019-04-11 13:00 · 2019-04-11 · 2019-04 · 2019-03-11/2019-03-20</source>
        <translation>2019-04-11 13:00 · 2019-04-11 · 2019-04 · 2019-03-11/2019-03-20</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The UTC offset of the place and time given (e.g. +03:00)</source>
        <translation>فارق التوقيت عن UTC في المكان والزمان المذكورين (مثلًا +03:00)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>UTC offset:</source>
        <translation>فارق التوقيت عن UTC:</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The place as the source named it</source>
        <translation>المكان كما سمّاه المصدر</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>As agreed with the source</source>
        <translation>كما اتُّفق مع المصدر</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Optional; kept in the audit log with the change</source>
        <translation>اختياري؛ يُحفظ في سجل التدقيق مع التعديل</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Source:</source>
        <translation>ال&amp;مصدر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When:</source>
        <translation>&amp;متى:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;How:</source>
        <translation>&amp;كيف:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>ال&amp;لغة:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Place:</source>
        <translation>الم&amp;كان:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place as &amp;said:</source>
        <translation>المكان كما &amp;ذُكر:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Interviewer:</source>
        <translation>أجرى الم&amp;قابلة:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Translator:</source>
        <translation>الم&amp;ترجم:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Attribution:</source>
        <translation>الإ&amp;سناد:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>T&amp;ranscript:</source>
        <translation>ال&amp;نص:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Make Claim from Selection…</source>
        <translation>ا&amp;ستخراج ادعاء من التحديد…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Make Claim…</source>
        <translation>استخراج ادعاء…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create a claim quoting the selected passage (Ctrl+M)</source>
        <translation>إنشاء ادعاء يقتبس المقطع المحدد (Ctrl+M)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>For the newsroom only</source>
        <translation>لغرفة الأخبار وحدها</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>N&amp;otes:</source>
        <translation>&amp;ملاحظات:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason for this c&amp;hange:</source>
        <translation>سبب هذا ال&amp;تعديل:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Not in the gazetteer</source>
        <translation>ليس في معجم الأماكن</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Add a source to this case first.</source>
        <translation>أضف مصدرًا إلى هذه القضية أولًا.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Edit Testimony — {alias}</source>
        <translation>تحرير الشهادة — ⁨{alias}⁩</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Undated</source>
        <translation>بلا تاريخ</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+18"/>
        <source>= {time}</source>
        <translation>= {time}</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>Save the testimony first (Apply) to make claims from it.</source>
        <translation>احفظ الشهادة أولًا (تطبيق) لتستخرج منها ادعاءات.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the transcript first (Apply): a quote must be in the stored text.</source>
        <translation>احفظ النص أولًا (تطبيق): يجب أن يكون الاقتباس من النص المحفوظ.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Select a passage to quote.</source>
        <translation>حدّد مقطعًا لاقتباسه.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Claim #{id} created, quoting the selected passage: “{statement}”</source>
        <translation>أُنشئ الادعاء #{id} مقتبسًا المقطع المحدد: «{statement}»</translation>
    </message>
</context>
<context>
    <name>ThumbnailLoader</name>
    <message>
        <location filename="../../ui/widgets/thumbnails.py" line="+194"/>
        <source>Loading thumbnails</source>
        <translation>جارٍ تحميل الصور المصغَّرة</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <location filename="../../ui/widgets/timeline_panel.py" line="-295"/>
        <source>Timeline</source>
        <translation>الخط الزمني</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Fit All</source>
        <translation>إظهار الكل</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole span of the case</source>
        <translation>إظهار المدى الزمني الكامل للقضية</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom In</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>claimed period</source>
        <translation>الفترة المزعومة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>exact time</source>
        <translation>وقت دقيق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>photo: camera clock, in UTC</source>
        <translation>صورة: ساعة الكاميرا، بتوقيت UTC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GPS time stamp (UTC)</source>
        <translation>الطابع الزمني لـ GPS (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>received</source>
        <translation>الاستلام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>time conflict (see the tooltip)</source>
        <translation>تعارض زمني (راجع التلميح)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wheel: zoom · drag: pan · Shift+wheel: scroll</source>
        <translation>العجلة: تكبير وتصغير · السحب: تحريك · Shift+العجلة: تمرير</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Reading photo times</source>
        <translation>جارٍ قراءة أوقات الصور</translation>
    </message>
    <message>
        <location line="+435"/>
        <source>{start} to {end}</source>
        <translation>من {start} إلى {end}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Claim #{id}: {statement}</source>
        <translation>الادعاء #{id}: {statement}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Time findings:</source>
        <translation>نتائج فحص الزمن:</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Findings not computed yet.</source>
        <translation>لم تُحسب نتائج الفحص بعد.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} records with a time conflict</source>
        <translation>سجلات فيها تعارض زمني: {count}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{count} claims without a time are not shown</source>
        <translation>لا تُعرض ادعاءات بلا زمن: {count}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location line="-624"/>
        <source>Time (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
</context>
<context>
    <name>Views</name>
    <message>
        <location filename="../../ui/views.py" line="+113"/>
        <source>Sources</source>
        <translation>المصادر</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Alias</source>
        <translation>الاسم المستعار</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+99"/>
        <source>Kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>Attribution</source>
        <translation>الإسناد</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The terms agreed with the source for published work</source>
        <translation>الشروط المتفق عليها مع المصدر بشأن ما يُنشر</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+22"/>
        <location line="+40"/>
        <source>Testimonies</source>
        <translation>الشهادات</translation>
    </message>
    <message>
        <location line="-55"/>
        <source>Public description</source>
        <translation>الوصف العلني</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No sources in this case yet. Add one with Case ▸ Add Source…</source>
        <translation>لا مصادر في هذه القضية بعد. أضف مصدرًا من قضية ◂ إضافة مصدر…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Taken (UTC)</source>
        <translation>وقت الإدلاء (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undated</source>
        <translation>بلا تاريخ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Source</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>الوسيلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Language</source>
        <translation>اللغة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transcript</source>
        <translation>النص</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No testimonies in this case yet.</source>
        <translation>لا شهادات في هذه القضية بعد.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+56"/>
        <source>Claims</source>
        <translation>الادعاءات</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>Statement</source>
        <translation>العبارة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Verdict</source>
        <translation>الحكم</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Testimonies that assert or deny the claim</source>
        <translation>الشهادات التي تؤكد الادعاء أو تنفيه</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+16"/>
        <source>Evidence</source>
        <translation>الأدلة</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Evidence items linked to the claim</source>
        <translation>الأدلة المرتبطة بالادعاء</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No claims in this case yet. Add one with Case ▸ Add Claim…</source>
        <translation>لا ادعاءات في هذه القضية بعد. أضف ادعاءً من قضية ◂ إضافة ادعاء…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>File</source>
        <translation>الملف</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received (UTC)</source>
        <translation>وقت الاستلام (UTC)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sent by</source>
        <translation>المرسِل</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>الحجم</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+23"/>
        <source>Notes</source>
        <translation>ملاحظات</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>No evidence in this case yet.</source>
        <translation>لا أدلة في هذه القضية بعد.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Places</source>
        <translation>الأماكن</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other names</source>
        <translation>أسماء أخرى</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Coordinates</source>
        <translation>الإحداثيات</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The workspace&apos;s gazetteer is empty.</source>
        <translation>معجم الأماكن في مساحة العمل فارغ.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Audit log</source>
        <translation>سجل التدقيق</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>When (UTC)</source>
        <translation>الوقت (UTC)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>الإجراء</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record</source>
        <translation>السجل</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change</source>
        <translation>التغيير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing has been recorded for this case yet.</source>
        <translation>لم يُسجَّل شيء لهذه القضية بعد.</translation>
    </message>
</context>
<context>
    <name>Vocabulary</name>
    <message>
        <location filename="../../ui/vocabulary.py" line="+43"/>
        <source>Open</source>
        <translation>مفتوحة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>مغلقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>مؤرشفة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eyewitness</source>
        <translation>شاهد عيان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Local resident</source>
        <translation>من سكان المنطقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official</source>
        <translation>مسؤول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Newsroom staff</source>
        <translation>من فريق التحرير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent material</source>
        <translation>مُرسِل مواد</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+10"/>
        <location line="+14"/>
        <location line="+62"/>
        <source>Document</source>
        <translation>وثيقة</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+10"/>
        <location line="+14"/>
        <location line="+63"/>
        <source>Other</source>
        <translation>أخرى</translation>
    </message>
    <message>
        <location line="-86"/>
        <source>On the record (named)</source>
        <translation>علني (بالاسم)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On background (not named)</source>
        <translation>للخلفية (دون ذكر الاسم)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anonymous (description only)</source>
        <translation>مجهول (بالوصف فقط)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidential (never mentioned)</source>
        <translation>سري (لا يُذكر إطلاقًا)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>وجهًا لوجه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>هاتف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messaging app</source>
        <translation>تطبيق مراسلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>بريد إلكتروني</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unverified</source>
        <translation>لم يُتحقق منه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Being checked</source>
        <translation>قيد التحقق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corroborated</source>
        <translation>مُعزَّز</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contradicted</source>
        <translation>مُناقَض</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verified</source>
        <translation>صحيح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partly verified</source>
        <translation>صحيح جزئيًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsubstantiated</source>
        <translation>بلا أدلة كافية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>False</source>
        <translation>خاطئ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checkable</source>
        <translation>لا يمكن التحقق منه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Photo</source>
        <translation>صورة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Video</source>
        <translation>فيديو</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+62"/>
        <source>Audio</source>
        <translation>تسجيل صوتي</translation>
    </message>
    <message>
        <location line="-59"/>
        <source>Exact point</source>
        <translation>نقطة دقيقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vicinity</source>
        <translation>الجوار</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Town or village</source>
        <translation>بلدة أو قرية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>منطقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Supports</source>
        <translation>يؤيد</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <source>Contradicts</source>
        <translation>يناقض</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Geolocates</source>
        <translation>يحدد المكان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dates</source>
        <translation>يحدد الزمن</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Illustrates</source>
        <translation>يوضّح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Corroborates</source>
        <translation>يعزّز</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partly corroborates</source>
        <translation>يعزّز جزئيًا</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Same claim as</source>
        <translation>مطابق للادعاء</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>More specific than</source>
        <translation>أكثر تحديدًا من</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asserts</source>
        <translation>يؤكد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Denies</source>
        <translation>ينفي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>تعديل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleted</source>
        <translation>حذف</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity unsealed</source>
        <translation>فُتح ختم الهوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity shredded</source>
        <translation>أُتلفت الهوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access granted</source>
        <translation>مُنح الوصول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access revoked</source>
        <translation>سُحب الوصول</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exported</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Case</source>
        <translation>قضية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>مصدر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimony</source>
        <translation>شهادة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim</source>
        <translation>ادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Evidence</source>
        <translation>دليل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place</source>
        <translation>مكان</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim ↔ evidence link</source>
        <translation>ربط ادعاء ↔ دليل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim ↔ claim link</source>
        <translation>ربط ادعاء ↔ ادعاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Claim ↔ testimony link</source>
        <translation>ربط ادعاء ↔ شهادة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source relationship</source>
        <translation>علاقة بين مصدرين</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source grade</source>
        <translation>تقييم مصدر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity attestation</source>
        <translation>إثبات هوية</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Testimony attachment</source>
        <translation>مرفق شهادة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key holder</source>
        <translation>حامل مفتاح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Person</source>
        <translation>شخص</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The public</source>
        <translation>الجمهور</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colleagues</source>
        <translation>الزملاء</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Family</source>
        <translation>العائلة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not recorded</source>
        <translation>غير مسجَّل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known to editors, not stored</source>
        <translation>معروفة للمحررين، غير محفوظة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sealed (encrypted)</source>
        <translation>مختومة (مشفّرة)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shredded (unrecoverable)</source>
        <translation>مُتلَفة (لا يمكن استعادتها)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Friend</source>
        <translation>صديق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative</source>
        <translation>قريب</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colleague</source>
        <translation>زميل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same organisation</source>
        <translation>المؤسسة نفسها</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Introduced by</source>
        <translation>بتعريف من</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Same device</source>
        <translation>الجهاز نفسه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saw it</source>
        <translation>رآه بنفسه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Heard it from others</source>
        <translation>سمعه من آخرين</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Official position</source>
        <translation>موقف رسمي</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a document</source>
        <translation>من وثيقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From a testimony</source>
        <translation>من شهادة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From evidence</source>
        <translation>من دليل</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Written by an editor</source>
        <translation>كتبه محرر</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Image</source>
        <translation>صورة</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>to the minute</source>
        <translation>بدقة الدقيقة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the hour</source>
        <translation>بدقة الساعة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the day</source>
        <translation>بدقة اليوم</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>within a few days</source>
        <translation>في حدود أيام</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the month</source>
        <translation>بدقة الشهر</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>to the year</source>
        <translation>بدقة السنة</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>approximately</source>
        <translation>تقريبًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completely reliable</source>
        <translation>موثوق تمامًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Usually reliable</source>
        <translation>موثوق عادةً</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fairly reliable</source>
        <translation>موثوق إلى حد ما</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not usually reliable</source>
        <translation>غير موثوق عادةً</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unreliable</source>
        <translation>غير موثوق</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reliability cannot be judged</source>
        <translation>لا يمكن الحكم على موثوقيته</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confirmed by other sources</source>
        <translation>مؤكد من مصادر أخرى</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Probably true</source>
        <translation>صحيح على الأرجح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Possibly true</source>
        <translation>ربما صحيح</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Doubtful</source>
        <translation>مشكوك فيه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Improbable</source>
        <translation>مستبعد</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truth cannot be judged</source>
        <translation>لا يمكن الحكم على صحته</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>May be quoted by name and title in published work.</source>
        <translation>يجوز الاقتباس منه باسمه وصفته فيما يُنشر.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Information may be used, attributed to a description, never to the name.</source>
        <translation>يجوز استخدام المعلومات منسوبةً إلى وصف، لا إلى الاسم أبدًا.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only the public description may appear in published work; the identity never leaves the newsroom.</source>
        <translation>لا يظهر فيما يُنشر إلا الوصف العلني؛ ولا تخرج الهوية من غرفة الأخبار أبدًا.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The source may not be mentioned or described at all; use the information only to guide reporting.</source>
        <translation>لا يجوز ذكر المصدر أو وصفه إطلاقًا؛ تُستخدم المعلومات لتوجيه العمل الصحفي فقط.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Corroborated by</source>
        <translation>يعزّزه</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Partly corroborated by</source>
        <translation>يعزّزه جزئيًا</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contradicted by</source>
        <translation>يناقضه</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Made more specific by</source>
        <translation>يفصّله</translation>
    </message>
</context>
</TS>
