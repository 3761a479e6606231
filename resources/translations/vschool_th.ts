<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <location filename="../../desktop/views/widgets.py" line="94"/>
        <source>Open</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/widgets.py" line="96"/>
        <source>Copy “%1”</source>
        <translation>คัดลอก “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/widgets.py" line="97"/>
        <source>Copy row</source>
        <translation>คัดลอกทั้งแถว</translation>
    </message>
</context>
<context>
    <name>ActivityCard</name>
    <message>
        <location filename="../../desktop/views/timeline.py" line="78"/>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="83"/>
        <source>Waiting to send</source>
        <translation>รอส่ง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="83"/>
        <source>Changed on the server</source>
        <translation>มีการแก้ไขบนเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="84"/>
        <source>Refused by the server</source>
        <translation>เซิร์ฟเวอร์ไม่รับ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="87"/>
        <source>Saved on this computer; sent when the server can be reached.</source>
        <translation>บันทึกไว้ในเครื่องนี้แล้ว จะส่งเมื่อเชื่อมต่อเซิร์ฟเวอร์ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="88"/>
        <source>Someone changed this activity on the server meanwhile: decide which values to keep in Pending changes.</source>
        <translation>ระหว่างนั้นมีคนแก้ไขกิจกรรมนี้บนเซิร์ฟเวอร์: เลือกค่าที่จะเก็บไว้ได้ที่ การเปลี่ยนแปลงที่รอส่ง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="112"/>
        <source>Outcome: %1</source>
        <translation>ผลลัพธ์: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="122"/>
        <source>Follow-up %1 · done %2</source>
        <translation>ติดตามผล %1 · เสร็จ %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="124"/>
        <source>Follow-up %1 · overdue</source>
        <translation>ติดตามผล %1 · เลยกำหนด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="126"/>
        <source>Follow-up %1 · due today</source>
        <translation>ติดตามผล %1 · ครบกำหนดวันนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="128"/>
        <source>Follow-up %1 · upcoming</source>
        <translation>ติดตามผล %1 · กำลังจะถึง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="133"/>
        <source>Mark done</source>
        <translation>ปิดงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="134"/>
        <source>The follow-up is done</source>
        <translation>ติดตามผลเรียบร้อยแล้ว</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <location filename="../../desktop/activityform.py" line="63"/>
        <source>Log activity — %1</source>
        <translation>บันทึกกิจกรรม — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="71"/>
        <source>What happened? (Shift+Enter starts a new line)</source>
        <translation>เกิดอะไรขึ้นบ้าง? (Shift+Enter ขึ้นบรรทัดใหม่)</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="80"/>
        <source>Choose or type one (optional)</source>
        <translation>เลือกหรือพิมพ์เอง (ไม่บังคับ)</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="83"/>
        <source>Follow up on</source>
        <translation>ติดตามผลวันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="88"/>
        <source>Bangkok time</source>
        <translation>เวลากรุงเทพฯ</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="96"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="97"/>
        <source>What happened</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="98"/>
        <source>Outcome</source>
        <translation>ผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="149"/>
        <source>Write what happened, or choose an outcome.</source>
        <translation>กรอกรายละเอียด หรือเลือกผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="159"/>
        <source>The activity was not saved: this customer is no longer in the data on this computer.</source>
        <translation>ยังไม่ได้บันทึกกิจกรรม: ไม่มีลูกค้ารายนี้ในข้อมูลบนเครื่องนี้แล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/activityform.py" line="163"/>
        <source>The activity was not saved: the data on this computer cannot be written.</source>
        <translation>ยังไม่ได้บันทึกกิจกรรม: เขียนข้อมูลลงเครื่องนี้ไม่ได้</translation>
    </message>
</context>
<context>
    <name>ActivityKind</name>
    <message>
        <location filename="../../desktop/changes.py" line="40"/>
        <location filename="../../desktop/views/labels.py" line="35"/>
        <source>Call</source>
        <translation>โทร</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="41"/>
        <location filename="../../desktop/views/labels.py" line="35"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="42"/>
        <location filename="../../desktop/views/labels.py" line="36"/>
        <source>Visit</source>
        <translation>เข้าพบ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="43"/>
        <location filename="../../desktop/views/labels.py" line="36"/>
        <source>E-mail</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="44"/>
        <location filename="../../desktop/views/labels.py" line="37"/>
        <source>Note</source>
        <translation>บันทึก</translation>
    </message>
</context>
<context>
    <name>ActivityOutcome</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="40"/>
        <source>interested</source>
        <translation>สนใจ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="41"/>
        <source>booked</source>
        <translation>จองแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="42"/>
        <source>call back</source>
        <translation>โทรกลับ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="43"/>
        <source>no answer</source>
        <translation>ไม่รับสาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="44"/>
        <source>not now</source>
        <translation>ยังไม่พร้อม</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../desktop/app.py" line="179"/>
        <source>Sign in…</source>
        <translation>เข้าสู่ระบบ…</translation>
    </message>
</context>
<context>
    <name>Badge</name>
    <message>
        <location filename="../../desktop/badges.py" line="56"/>
        <source>Updating…</source>
        <translation>กำลังอัปเดต…</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="60"/>
        <source>Offline · synced %1</source>
        <translation>ออฟไลน์ · ซิงค์ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="59"/>
        <source>Offline · never synced</source>
        <translation>ออฟไลน์ · ยังไม่เคยซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="63"/>
        <source>Sync failed · never synced</source>
        <translation>ซิงค์ไม่สำเร็จ · ยังไม่เคยซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="64"/>
        <source>Sync failed · synced %1</source>
        <translation>ซิงค์ไม่สำเร็จ · ซิงค์ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="66"/>
        <source>Not synced yet</source>
        <translation>ยังไม่ได้ซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="68"/>
        <source>Stale · synced %1</source>
        <translation>ข้อมูลเก่า · ซิงค์ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/badges.py" line="69"/>
        <source>Up to date · %1</source>
        <translation>ข้อมูลล่าสุด · %1</translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="116"/>
        <source>Details</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="131"/>
        <source>Dismiss</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>CatalogView</name>
    <message>
        <location filename="../../desktop/views/catalog.py" line="74"/>
        <source>Active only</source>
        <translation>เฉพาะที่เปิดขาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="76"/>
        <source>No products yet — press Sync now (F5).</source>
        <translation>ยังไม่มีสินค้า — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="77"/>
        <source>No products match — try another search or category.</source>
        <translation>ไม่พบสินค้าที่ตรงกัน — ลองค้นหาคำอื่นหรือเลือกหมวดหมู่อื่น</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="78"/>
        <source>%1 products</source>
        <translation>สินค้า %1 รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="99"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="100"/>
        <source>Also known as</source>
        <translation>ชื่อภาษาอังกฤษ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="101"/>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="102"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="104"/>
        <source>Duration</source>
        <translation>ระยะเวลา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="106"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="106"/>
        <source>Active</source>
        <translation>เปิดขาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="107"/>
        <source>Inactive</source>
        <translation>เลิกขาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="111"/>
        <source>Course</source>
        <translation>คอร์ส</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="111"/>
        <source>Package</source>
        <translation>แพ็กเกจ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="112"/>
        <location filename="../../desktop/views/catalog.py" line="124"/>
        <source>Cooking equipment</source>
        <translation>อุปกรณ์ทำอาหาร</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="112"/>
        <source>Menu</source>
        <translation>เมนู</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="118"/>
        <source>%1 h</source>
        <translation>%1 ชม.</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="123"/>
        <source>All</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="123"/>
        <source>Courses</source>
        <translation>คอร์ส</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="123"/>
        <source>Packages</source>
        <translation>แพ็กเกจ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="124"/>
        <source>Menus</source>
        <translation>เมนู</translation>
    </message>
</context>
<context>
    <name>ChangeState</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="31"/>
        <location filename="../../desktop/views/labels.py" line="32"/>
        <source>Waiting to send</source>
        <translation>รอส่ง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="33"/>
        <source>Conflict</source>
        <translation>ข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="34"/>
        <source>Refused</source>
        <translation>ถูกปฏิเสธ</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <location filename="../../desktop/changes.py" line="21"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="22"/>
        <source>Nickname</source>
        <translation>ชื่อเล่น</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="23"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="24"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="25"/>
        <source>LINE ID</source>
        <translation>LINE ID</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="26"/>
        <source>Source</source>
        <translation>ที่มา</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="27"/>
        <source>Segment</source>
        <translation>กลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="28"/>
        <source>Tags</source>
        <translation>แท็ก</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="29"/>
        <source>Assigned to</source>
        <translation>ผู้ดูแล</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="30"/>
        <source>Acquired by campaign</source>
        <translation>ได้มาจากแคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="31"/>
        <source>Birthday</source>
        <translation>วันเกิด</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="32"/>
        <source>Notes</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="33"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="34"/>
        <source>What happened</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="35"/>
        <source>Outcome</source>
        <translation>ผลลัพธ์</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="36"/>
        <source>Follow-up</source>
        <translation>นัดติดตาม</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="37"/>
        <source>Follow-up done</source>
        <translation>ติดตามแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="47"/>
        <source>Waiting to send</source>
        <translation>รอส่ง</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="48"/>
        <source>Sending…</source>
        <translation>กำลังส่ง…</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="49"/>
        <source>Sent – waiting for the server&apos;s copy</source>
        <translation>ส่งแล้ว – รอข้อมูลยืนยันจากเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="50"/>
        <source>Conflict</source>
        <translation>ข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="51"/>
        <source>Refused</source>
        <translation>ถูกปฏิเสธ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="73"/>
        <source>Waiting to send again</source>
        <translation>รอส่งอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="115"/>
        <source>a customer no longer on this computer</source>
        <translation>ลูกค้าที่ไม่มีในเครื่องนี้แล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="123"/>
        <source>New lead: %1</source>
        <translation>ผู้สนใจรายใหม่: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="125"/>
        <source>Edit of %1: %2</source>
        <translation>แก้ไข %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="127"/>
        <source>Activity for %1: %2</source>
        <translation>กิจกรรมของ %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="130"/>
        <source>Follow-up done for %1</source>
        <translation>ติดตาม %1 เสร็จแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="131"/>
        <source>Edit of an activity for %1: %2</source>
        <translation>แก้ไขกิจกรรมของ %1: %2</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="147"/>
        <source>The new lead %1 never reached the server: it is removed from this computer, with the activity logged on it.</source>
        <translation>ผู้สนใจรายใหม่ %1 ยังไม่ถึงเซิร์ฟเวอร์: จะถูกลบออกจากเครื่องนี้ พร้อมกิจกรรมที่บันทึกไว้</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="150"/>
        <source>The new lead %1 never reached the server: it is removed from this computer, with the %2 activities logged on it.</source>
        <translation>ผู้สนใจรายใหม่ %1 ยังไม่ถึงเซิร์ฟเวอร์: จะถูกลบออกจากเครื่องนี้ พร้อมกิจกรรมที่บันทึกไว้ %2 รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="153"/>
        <source>The new lead %1 never reached the server: it is removed from this computer.</source>
        <translation>ผู้สนใจรายใหม่ %1 ยังไม่ถึงเซิร์ฟเวอร์: จะถูกลบออกจากเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="157"/>
        <source>The activity for %1 never reached the server: it is removed from this computer.</source>
        <translation>กิจกรรมของ %1 ยังไม่ถึงเซิร์ฟเวอร์: จะถูกลบออกจากเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="159"/>
        <source>Your changes to %1 (%2) are lost: the record shows the server&apos;s values again.</source>
        <translation>การแก้ไข %1 ของคุณ (%2) จะหายไป: ข้อมูลจะกลับไปเป็นค่าบนเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="167"/>
        <source>1 change waiting</source>
        <translation>รอส่ง 1 รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/changes.py" line="168"/>
        <source>%1 changes waiting</source>
        <translation>รอส่ง %1 รายการ</translation>
    </message>
</context>
<context>
    <name>Channel</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="25"/>
        <source>Walk-in</source>
        <translation>หน้าร้าน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="25"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="26"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="27"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="28"/>
        <source>Website</source>
        <translation>เว็บไซต์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="28"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../desktop/conflicts.py" line="44"/>
        <source>Resolve conflict — %1</source>
        <translation>จัดการข้อมูลขัดแย้ง — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="46"/>
        <source>%1 was changed on the server after you edited it. For each field, keep your value or take the server&apos;s. Your other changes have already been sent.</source>
        <translation>%1 ถูกแก้ไขบนเซิร์ฟเวอร์หลังจากที่คุณแก้ไข เลือกทีละช่องว่าจะใช้ค่าของคุณหรือค่าบนเซิร์ฟเวอร์ ส่วนการแก้ไขอื่นของคุณส่งไปแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="54"/>
        <source>Field</source>
        <translation>ช่องข้อมูล</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="54"/>
        <source>Before your edit</source>
        <translation>ก่อนคุณแก้ไข</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="54"/>
        <source>On the server now</source>
        <translation>บนเซิร์ฟเวอร์ตอนนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="55"/>
        <source>Yours</source>
        <translation>ของคุณ</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="55"/>
        <source>Decision</source>
        <translation>เลือกใช้</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="74"/>
        <source>Keep mine</source>
        <translation>ใช้ของฉัน</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="75"/>
        <source>Take the server&apos;s</source>
        <translation>ใช้ของเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="90"/>
        <source>Keep all &amp;mine</source>
        <translation>ใช้ของฉันทั้งหมด (&amp;M)</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="92"/>
        <source>Take all the &amp;server&apos;s</source>
        <translation>ใช้ของเซิร์ฟเวอร์ทั้งหมด (&amp;S)</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="100"/>
        <source>Apply</source>
        <translation>นำไปใช้</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="135"/>
        <source>Keep yours or take the server&apos;s, for every field.</source>
        <translation>เลือกค่าของคุณหรือค่าของเซิร์ฟเวอร์ให้ครบทุกช่อง</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="137"/>
        <source>Your values are sent again at the next sync; the others take the server&apos;s.</source>
        <translation>ค่าของคุณจะถูกส่งอีกครั้งในการซิงค์ครั้งถัดไป ช่องอื่นใช้ค่าของเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/conflicts.py" line="139"/>
        <source>The server&apos;s values stay; nothing more is sent.</source>
        <translation>ใช้ค่าของเซิร์ฟเวอร์ต่อไป ไม่มีอะไรต้องส่งเพิ่ม</translation>
    </message>
</context>
<context>
    <name>CopyButton</name>
    <message>
        <location filename="../../desktop/views/customers.py" line="80"/>
        <location filename="../../desktop/views/customers.py" line="85"/>
        <location filename="../../desktop/views/customers.py" line="92"/>
        <source>Copy</source>
        <translation>คัดลอก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="96"/>
        <source>Copied</source>
        <translation>คัดลอกแล้ว</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../desktop/leadform.py" line="100"/>
        <source>New lead</source>
        <translation>ลีดใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="102"/>
        <source>Edit %1</source>
        <translation>แก้ไข %1</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="129"/>
        <source>Choose…</source>
        <translation>เลือก…</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="139"/>
        <source>Type a tag and press Enter</source>
        <translation>พิมพ์แท็กแล้วกด Enter</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="141"/>
        <source>Add</source>
        <translation>เพิ่ม</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="148"/>
        <source>Remove</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="150"/>
        <source>Remove the selected tag (Delete)</source>
        <translation>ลบแท็กที่เลือก (Delete)</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="164"/>
        <source>Known</source>
        <translation>ระบุ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="180"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="181"/>
        <source>Nickname</source>
        <translation>ชื่อเล่น</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="182"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="183"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="184"/>
        <source>LINE ID</source>
        <translation>LINE ID</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="186"/>
        <source>Source</source>
        <translation>ที่มา</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="189"/>
        <source>Segment</source>
        <translation>กลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="190"/>
        <source>Tags</source>
        <translation>แท็ก</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="191"/>
        <source>Birthday</source>
        <translation>วันเกิด</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="192"/>
        <source>Notes</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="216"/>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="218"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="319"/>
        <source>Enter the customer&apos;s name.</source>
        <translation>กรอกชื่อลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="320"/>
        <source>Enter a phone number, LINE ID or e-mail, so that the customer can be reached.</source>
        <translation>กรอกเบอร์โทรศัพท์ LINE ID หรืออีเมลอย่างน้อยหนึ่งอย่าง เพื่อให้ติดต่อลูกค้าได้</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="321"/>
        <source>Choose where the lead came from.</source>
        <translation>เลือกว่าลีดนี้มาจากช่องทางไหน</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="322"/>
        <source>Choose a segment.</source>
        <translation>เลือกกลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="338"/>
        <source>Nothing has changed yet.</source>
        <translation>ยังไม่ได้แก้ไขอะไร</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="355"/>
        <source>same phone number</source>
        <translation>เบอร์โทรศัพท์ซ้ำ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="355"/>
        <source>same LINE ID</source>
        <translation>LINE ID ซ้ำ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="356"/>
        <source>same e-mail</source>
        <translation>อีเมลซ้ำ</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="369"/>
        <source>and %1 more</source>
        <translation>และอีก %1 ราย</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="371"/>
        <source>Already in your customers: %1.</source>
        <translation>มีในรายชื่อลูกค้าแล้ว: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="372"/>
        <source>You can still save, or click a name to open that customer instead.</source>
        <translation>ยังบันทึกได้ตามปกติ หรือคลิกชื่อเพื่อเปิดข้อมูลลูกค้ารายนั้นแทน</translation>
    </message>
    <message>
        <location filename="../../desktop/leadform.py" line="403"/>
        <source>This could not be saved on this computer.</source>
        <translation>บันทึกลงในเครื่องนี้ไม่ได้</translation>
    </message>
</context>
<context>
    <name>CustomerProfile</name>
    <message>
        <location filename="../../desktop/views/customers.py" line="136"/>
        <location filename="../../desktop/views/customers.py" line="328"/>
        <source>Select a customer to see their profile.</source>
        <translation>เลือกลูกค้าเพื่อดูโปรไฟล์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="166"/>
        <source>Edit</source>
        <translation>แก้ไข</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="168"/>
        <source>Edit this customer (F2)</source>
        <translation>แก้ไขข้อมูลลูกค้ารายนี้ (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="187"/>
        <source>Click a tag to list the customers who have it</source>
        <translation>คลิกแท็กเพื่อดูลูกค้าทุกคนที่มีแท็กนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="193"/>
        <source>Contact</source>
        <translation>ข้อมูลติดต่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="197"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="197"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="198"/>
        <source>LINE ID</source>
        <translation>LINE ID</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="209"/>
        <source>Details</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="211"/>
        <source>Segment</source>
        <translation>กลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="211"/>
        <source>Source</source>
        <translation>ที่มา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="212"/>
        <source>Assigned to</source>
        <translation>ผู้ดูแล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="212"/>
        <source>Acquired by campaign</source>
        <translation>ได้มาจากแคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="213"/>
        <source>Birthday</source>
        <translation>วันเกิด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="213"/>
        <source>Customer since</source>
        <translation>เป็นลูกค้าตั้งแต่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="222"/>
        <location filename="../../desktop/views/customers.py" line="223"/>
        <source>Notes</source>
        <translation>หมายเหตุ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="229"/>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="229"/>
        <source>Order</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="229"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="229"/>
        <source>Total</source>
        <translation>ยอดรวม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="233"/>
        <source>Double-click or press Enter to open the order</source>
        <translation>ดับเบิลคลิกหรือกด Enter เพื่อเปิดคำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="329"/>
        <source>This customer is no longer in your data.</source>
        <translation>ไม่พบลูกค้ารายนี้ในข้อมูลของคุณแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="347"/>
        <source>The server gives the lead its customer number when it is sent.</source>
        <translation>เซิร์ฟเวอร์จะออกรหัสลูกค้าให้เมื่อส่งลีดนี้ขึ้นไปแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="350"/>
        <source>Nickname: %1</source>
        <translation>ชื่อเล่น: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="363"/>
        <source>Call</source>
        <translation>โทรหา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="364"/>
        <source>Write an e-mail</source>
        <translation>ส่งอีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="365"/>
        <source>Chat on LINE</source>
        <translation>แชทใน LINE</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="429"/>
        <source>Orders (%1)</source>
        <translation>คำสั่งซื้อ (%1)</translation>
    </message>
</context>
<context>
    <name>CustomersView</name>
    <message>
        <location filename="../../desktop/views/customers.py" line="456"/>
        <source>All segments</source>
        <translation>ทุกกลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="457"/>
        <source>All sources</source>
        <translation>ทุกที่มา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="458"/>
        <source>All tags</source>
        <translation>ทุกแท็ก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="460"/>
        <source>Assigned to me</source>
        <translation>ลูกค้าที่ฉันดูแล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="475"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="476"/>
        <source>Nickname</source>
        <translation>ชื่อเล่น</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="477"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="478"/>
        <source>Segment</source>
        <translation>กลุ่มลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="480"/>
        <source>Source</source>
        <translation>ที่มา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="482"/>
        <source>Tags</source>
        <translation>แท็ก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="484"/>
        <source>Created</source>
        <translation>วันที่สร้าง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="488"/>
        <source>No customers yet — press Sync now (F5).</source>
        <translation>ยังไม่มีลูกค้า — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="489"/>
        <source>No customers match your search or filters.</source>
        <translation>ไม่พบลูกค้าที่ตรงกับคำค้นหาหรือตัวกรอง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="517"/>
        <source>1 customer</source>
        <translation>ลูกค้า 1 ราย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="517"/>
        <source>%1 customers</source>
        <translation>ลูกค้า %1 ราย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/customers.py" line="573"/>
        <source>Your account is not linked to an employee record, so no customers are assigned to you.</source>
        <translation>บัญชีของคุณไม่ได้ผูกกับข้อมูลพนักงาน จึงไม่มีลูกค้าที่มอบหมายให้คุณดูแล</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="44"/>
        <source>Last 7 days</source>
        <translation>7 วันล่าสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="45"/>
        <source>Last 30 days</source>
        <translation>30 วันล่าสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="46"/>
        <source>Last 90 days</source>
        <translation>90 วันล่าสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="47"/>
        <source>This month</source>
        <translation>เดือนนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="48"/>
        <source>This year</source>
        <translation>ปีนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="49"/>
        <source>All time</source>
        <translation>ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="79"/>
        <source>Custom range</source>
        <translation>กำหนดช่วงเอง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="81"/>
        <source>Export CSV…</source>
        <translation>ส่งออก CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="89"/>
        <source>Campaign</source>
        <translation>แคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="89"/>
        <source>Platform</source>
        <translation>แพลตฟอร์ม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="89"/>
        <source>Spend</source>
        <translation>ยอดใช้จ่าย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="90"/>
        <source>Attributed revenue</source>
        <translation>รายได้จากแคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="90"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="91"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="91"/>
        <source>Units</source>
        <translation>ชิ้น</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="91"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="92"/>
        <source>Revenue</source>
        <translation>รายได้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="96"/>
        <source>Top campaigns by ROAS</source>
        <translation>แคมเปญที่ ROAS สูงสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="97"/>
        <source>Top products by revenue</source>
        <translation>สินค้าที่ทำรายได้สูงสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="158"/>
        <source>No figures yet — press Sync now (F5).</source>
        <translation>ยังไม่มีตัวเลข — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="113"/>
        <source>Period</source>
        <translation>ช่วงเวลา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="202"/>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="203"/>
        <source>%1 – %2, compared with %3 – %4</source>
        <translation>%1 – %2 เทียบกับ %3 – %4</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="178"/>
        <source>Revenue and ad spend per month</source>
        <translation>รายได้และค่าโฆษณารายเดือน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="179"/>
        <source>Revenue and ad spend per day</source>
        <translation>รายได้และค่าโฆษณารายวัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="217"/>
        <source>Export the KPIs</source>
        <translation>ส่งออก KPI</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="219"/>
        <source>CSV files (*.csv)</source>
        <translation>ไฟล์ CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="224"/>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="224"/>
        <source>This period (%1 – %2)</source>
        <translation>ช่วงนี้ (%1 – %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="226"/>
        <source>Previous period</source>
        <translation>ช่วงก่อนหน้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="227"/>
        <source>Previous period (%1 – %2)</source>
        <translation>ช่วงก่อนหน้า (%1 – %2)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="228"/>
        <source>Change</source>
        <translation>เปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="232"/>
        <source>Export CSV</source>
        <translation>ส่งออก CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard.py" line="232"/>
        <source>The file could not be written: %1</source>
        <translation>บันทึกไฟล์ไม่ได้: %1</translation>
    </message>
</context>
<context>
    <name>EditChangeDialog</name>
    <message>
        <location filename="../../desktop/pending_page.py" line="254"/>
        <source>Edit change — %1</source>
        <translation>แก้ไขรายการ — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="256"/>
        <source>The server refused this change: %1</source>
        <translation>เซิร์ฟเวอร์ปฏิเสธการเปลี่ยนแปลงนี้: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="280"/>
        <source>Send again</source>
        <translation>ส่งอีกครั้ง</translation>
    </message>
</context>
<context>
    <name>EmployeeCard</name>
    <message>
        <location filename="../../desktop/views/employees.py" line="151"/>
        <location filename="../../desktop/views/employees.py" line="153"/>
        <source>Copy</source>
        <translation>คัดลอก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="157"/>
        <source>Select someone to see how to reach them.</source>
        <translation>เลือกพนักงานเพื่อดูช่องทางติดต่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="162"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="162"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="163"/>
        <source>Joined</source>
        <translation>เริ่มงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="163"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="180"/>
        <source>Email copied</source>
        <translation>คัดลอกอีเมลแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="181"/>
        <source>Phone number copied</source>
        <translation>คัดลอกเบอร์โทรแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="199"/>
        <source>Current staff</source>
        <translation>พนักงานปัจจุบัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="199"/>
        <source>Former staff</source>
        <translation>อดีตพนักงาน</translation>
    </message>
</context>
<context>
    <name>EmployeesView</name>
    <message>
        <location filename="../../desktop/views/employees.py" line="43"/>
        <source>Current staff</source>
        <translation>พนักงานปัจจุบัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="43"/>
        <source>Former staff</source>
        <translation>อดีตพนักงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="44"/>
        <source>Everyone</source>
        <translation>ทุกคน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="48"/>
        <source>No staff yet — press Sync now (F5).</source>
        <translation>ยังไม่มีข้อมูลพนักงาน — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="49"/>
        <source>Nobody matches — try another search, role or status.</source>
        <translation>ไม่พบพนักงานที่ตรงกัน — ลองค้นหาคำอื่น หรือเปลี่ยนตำแหน่งหรือสถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="50"/>
        <source>%1 staff</source>
        <translation>พนักงาน %1 คน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="70"/>
        <source>Administrator</source>
        <translation>ผู้ดูแลระบบ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="70"/>
        <source>Manager</source>
        <translation>ผู้จัดการ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="70"/>
        <source>Sales</source>
        <translation>ฝ่ายขาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="71"/>
        <source>Marketing</source>
        <translation>การตลาด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="71"/>
        <source>Instructor</source>
        <translation>ผู้สอน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="75"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="76"/>
        <source>Nickname</source>
        <translation>ชื่อเล่น</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="77"/>
        <source>Role</source>
        <translation>ตำแหน่ง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="78"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="79"/>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="80"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="80"/>
        <source>Current</source>
        <translation>ปัจจุบัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="81"/>
        <source>Former</source>
        <translation>อดีตพนักงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/employees.py" line="88"/>
        <source>All roles</source>
        <translation>ทุกตำแหน่ง</translation>
    </message>
</context>
<context>
    <name>FacetCombo</name>
    <message>
        <location filename="../../desktop/views/widgets.py" line="69"/>
        <source>(not set)</source>
        <translation>(ไม่ระบุ)</translation>
    </message>
</context>
<context>
    <name>FollowUpsView</name>
    <message>
        <location filename="../../desktop/views/followups.py" line="36"/>
        <source>Overdue (%1)</source>
        <translation>เลยกำหนด (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="37"/>
        <source>Due today (%1)</source>
        <translation>ครบกำหนดวันนี้ (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="38"/>
        <source>Upcoming (%1)</source>
        <translation>กำลังจะถึง (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="63"/>
        <source>Everyone&apos;s follow-ups</source>
        <translation>การติดตามผลของทุกคน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="65"/>
        <source>Mark done</source>
        <translation>ปิดงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="67"/>
        <location filename="../../desktop/views/followups.py" line="224"/>
        <source>The selected follow-up is done (Ctrl+D)</source>
        <translation>ปิดงานติดตามผลที่เลือก (Ctrl+D)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="80"/>
        <source>Due</source>
        <translation>กำหนด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="80"/>
        <source>Customer</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="80"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="80"/>
        <source>What happened</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="81"/>
        <source>Who</source>
        <translation>ผู้บันทึก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="87"/>
        <source>Enter or double-click opens the customer</source>
        <translation>กด Enter หรือดับเบิลคลิกเพื่อเปิดข้อมูลลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="98"/>
        <source>No open follow-ups. Log an activity with a follow-up date from a customer&apos;s profile (Ctrl+L).</source>
        <translation>ไม่มีงานติดตามผลค้างอยู่ บันทึกกิจกรรมพร้อมวันติดตามผลได้จากหน้าข้อมูลลูกค้า (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="126"/>
        <source>Also the follow-ups of the other staff, as far as you may see them</source>
        <translation>รวมการติดตามผลของพนักงานคนอื่นที่คุณมีสิทธิ์ดู</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="128"/>
        <source>Your account is not linked to an employee record: everyone&apos;s follow-ups are shown.</source>
        <translation>บัญชีของคุณไม่ได้เชื่อมกับข้อมูลพนักงาน จึงแสดงการติดตามผลของทุกคน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="151"/>
        <source>… and %1 more</source>
        <translation>… และอีก %1 รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/followups.py" line="225"/>
        <source>Only the author of an activity can mark its follow-up done</source>
        <translation>เฉพาะผู้บันทึกกิจกรรมเท่านั้นที่ปิดงานติดตามผลได้</translation>
    </message>
</context>
<context>
    <name>Kpi</name>
    <message>
        <location filename="../../desktop/views/kpis.py" line="33"/>
        <source>Revenue</source>
        <translation>รายได้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="34"/>
        <source>Paid orders by payment day (refunded ones left out)</source>
        <translation>คำสั่งซื้อที่ชำระแล้ว นับตามวันที่ชำระ (ไม่รวมที่คืนเงิน)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="35"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="36"/>
        <source>Paid orders by payment day</source>
        <translation>คำสั่งซื้อที่ชำระแล้ว นับตามวันที่ชำระ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="37"/>
        <source>Average order</source>
        <translation>ยอดเฉลี่ยต่อคำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="37"/>
        <source>Revenue ÷ orders</source>
        <translation>รายได้ ÷ จำนวนคำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="38"/>
        <source>New leads</source>
        <translation>ลีดใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="39"/>
        <source>Customers created in the period</source>
        <translation>ลูกค้าที่เพิ่มเข้ามาในช่วงนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="40"/>
        <source>New paying customers</source>
        <translation>ลูกค้าใหม่ที่ชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="41"/>
        <source>Customers whose first payment is in the period</source>
        <translation>ลูกค้าที่ชำระเงินครั้งแรกในช่วงนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="42"/>
        <source>Conversion rate</source>
        <translation>อัตราคอนเวอร์ชัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="43"/>
        <source>New paying customers ÷ new leads</source>
        <translation>ลูกค้าใหม่ที่ชำระเงิน ÷ ลีดใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="45"/>
        <source>Ad spend</source>
        <translation>ค่าโฆษณา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="46"/>
        <source>What every ad cost</source>
        <translation>ค่าใช้จ่ายของโฆษณาทุกตัว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="47"/>
        <source>ROAS</source>
        <translation>ROAS</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="48"/>
        <source>Revenue attributed to a campaign ÷ ad spend</source>
        <translation>รายได้ที่มาจากแคมเปญ ÷ ค่าโฆษณา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="49"/>
        <source>CAC</source>
        <translation>CAC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="50"/>
        <source>Ad spend ÷ new paying customers</source>
        <translation>ค่าโฆษณา ÷ ลูกค้าใหม่ที่ชำระเงิน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="51"/>
        <source>CPL</source>
        <translation>CPL</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="52"/>
        <source>Ad spend ÷ leads reported by the ad platforms</source>
        <translation>ค่าโฆษณา ÷ ลีดที่แพลตฟอร์มโฆษณารายงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="53"/>
        <source>Cost per day</source>
        <translation>ค่าโฆษณาต่อวัน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="54"/>
        <source>Ad spend ÷ days of the period</source>
        <translation>ค่าโฆษณา ÷ จำนวนวันของช่วงนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="55"/>
        <source>Refunds</source>
        <translation>ยอดคืนเงิน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="56"/>
        <source>Refunded orders, on the day they were paid</source>
        <translation>คำสั่งซื้อที่คืนเงิน นับในวันที่ชำระ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="57"/>
        <source>Gross revenue</source>
        <translation>รายได้ก่อนหักคืนเงิน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="58"/>
        <source>Attributed revenue</source>
        <translation>รายได้จากแคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="59"/>
        <source>Impressions</source>
        <translation>การแสดงผล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="60"/>
        <source>Clicks</source>
        <translation>คลิก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="61"/>
        <source>CTR</source>
        <translation>CTR</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="62"/>
        <source>CPC</source>
        <translation>CPC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/kpis.py" line="63"/>
        <source>Ad leads</source>
        <translation>ลีดจากโฆษณา</translation>
    </message>
</context>
<context>
    <name>KpiCard</name>
    <message>
        <location filename="../../desktop/views/dashboard_widgets.py" line="58"/>
        <source>vs %1</source>
        <translation>เทียบกับ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard_widgets.py" line="59"/>
        <source>No earlier period</source>
        <translation>ไม่มีช่วงก่อนหน้า</translation>
    </message>
</context>
<context>
    <name>ListPane</name>
    <message>
        <location filename="../../desktop/views/base.py" line="257"/>
        <source>Showing the first %1 matches — type more to narrow the search.</source>
        <translation>แสดง %1 รายการแรกที่ตรงกัน — พิมพ์เพิ่มเพื่อจำกัดผลการค้นหา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="347"/>
        <source>Open</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="348"/>
        <source>Copy “%1”</source>
        <translation>คัดลอก “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="350"/>
        <source>Copy row</source>
        <translation>คัดลอกทั้งแถว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="357"/>
        <source>Show only “%1”</source>
        <translation>แสดงเฉพาะ “%1”</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="360"/>
        <source>Export the list to CSV…</source>
        <translation>ส่งออกรายการเป็น CSV…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="374"/>
        <location filename="../../desktop/views/base.py" line="382"/>
        <source>Export the list</source>
        <translation>ส่งออกรายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="374"/>
        <source>CSV files (*.csv)</source>
        <translation>ไฟล์ CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="383"/>
        <source>The list could not be saved: %1</source>
        <translation>บันทึกรายการไม่ได้: %1</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/mainwindow.py" line="53"/>
        <source>employees</source>
        <translation>พนักงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="54"/>
        <source>products</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="55"/>
        <source>package contents</source>
        <translation>รายการในแพ็กเกจ</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="56"/>
        <source>customers</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="57"/>
        <source>activities</source>
        <translation>กิจกรรมลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="58"/>
        <source>campaigns</source>
        <translation>แคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="59"/>
        <source>ad sets</source>
        <translation>ชุดโฆษณา</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="60"/>
        <source>ads</source>
        <translation>โฆษณา</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="61"/>
        <source>orders</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="62"/>
        <source>order items</source>
        <translation>รายการสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="63"/>
        <source>daily ad figures</source>
        <translation>ตัวเลขโฆษณารายวัน</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="64"/>
        <source>hourly ad figures</source>
        <translation>ตัวเลขโฆษณารายชั่วโมง</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="199"/>
        <source>VSchool CRM</source>
        <translation>VSchool CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="228"/>
        <source>The data saved on this computer could not be opened.</source>
        <translation>เปิดข้อมูลที่บันทึกไว้ในเครื่องนี้ไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="245"/>
        <source>New lead</source>
        <translation>ลีดใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="247"/>
        <source>Add a customer met at a fair, in class or on the phone; it is sent to the server by itself (Ctrl+N)</source>
        <translation>เพิ่มลูกค้าที่พบในงานแฟร์ ในชั้นเรียน หรือทางโทรศัพท์ ระบบจะส่งขึ้นเซิร์ฟเวอร์ให้เอง (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="365"/>
        <source>Sign in first: new leads are kept with your data on this computer.</source>
        <translation>กรุณาเข้าสู่ระบบก่อน: ลีดใหม่จะเก็บไว้กับข้อมูลของคุณในเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="522"/>
        <source>Nothing was removed from this computer.</source>
        <translation>ไม่ได้ลบข้อมูลใดออกจากเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="523"/>
        <source>Remove local data…</source>
        <translation>ลบข้อมูลในเครื่อง…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="575"/>
        <source>Live</source>
        <translation>สด</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="575"/>
        <source>Not live</source>
        <translation>ไม่สด</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="577"/>
        <source>Changes on the server appear here within a second.</source>
        <translation>การเปลี่ยนแปลงบนเซิร์ฟเวอร์จะแสดงที่นี่ภายในหนึ่งวินาที</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="578"/>
        <source>Live updates are off (Settings) or nobody is signed in: the app syncs on its schedule.</source>
        <translation>ปิดการอัปเดตสดอยู่ (การตั้งค่า) หรือยังไม่มีผู้ลงชื่อเข้าใช้: แอปจะซิงค์ตามรอบเวลา</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="580"/>
        <source>Connecting for live updates…</source>
        <translation>กำลังเชื่อมต่อเพื่อรับการอัปเดตสด…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="581"/>
        <source>Live updates interrupted, reconnecting: %1</source>
        <translation>การอัปเดตสดขาดหาย กำลังเชื่อมต่อใหม่: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="582"/>
        <source>Live updates unavailable: %1. The app syncs on its schedule and tries again later.</source>
        <translation>ใช้การอัปเดตสดไม่ได้: %1 แอปจะซิงค์ตามรอบเวลาและลองใหม่ภายหลัง</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="584"/>
        <source>Live updates ended: the session has ended.</source>
        <translation>การอัปเดตสดสิ้นสุดลง: เซสชันหมดอายุแล้ว</translation>
    </message>
    <message>
        <source>The data saved on this computer could not be opened: %1</source>
        <translation type="vanished">เปิดข้อมูลที่บันทึกไว้ในเครื่องนี้ไม่ได้: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="234"/>
        <source>Main</source>
        <translation>แถบเครื่องมือหลัก</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="240"/>
        <location filename="../../desktop/mainwindow.py" line="509"/>
        <source>Sync now</source>
        <translation>ซิงค์ตอนนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="242"/>
        <source>Fetch what changed on the server (F5)</source>
        <translation>ดึงข้อมูลที่เปลี่ยนแปลงจากเซิร์ฟเวอร์ (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="266"/>
        <source>Settings</source>
        <translation>ตั้งค่า</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="419"/>
        <source>Search %1… (Ctrl+F)</source>
        <translation>ค้นหา%1… (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="455"/>
        <source>Full resync…</source>
        <translation>กำลังซิงค์ใหม่ทั้งหมด…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="455"/>
        <location filename="../../desktop/mainwindow.py" line="456"/>
        <source>Syncing…</source>
        <translation>กำลังซิงค์…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="482"/>
        <source>Syncing %1: %2 rows</source>
        <translation>กำลังซิงค์ %1: %2 แถว</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="494"/>
        <source>Writing files: %1 of %2</source>
        <translation>กำลังเขียนไฟล์: %1 จาก %2</translation>
    </message>
    <message>
        <source>You are offline — showing the data saved on this computer.</source>
        <translation type="vanished">คุณออฟไลน์อยู่ — กำลังแสดงข้อมูลที่บันทึกไว้ในเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="229"/>
        <location filename="../../desktop/mainwindow.py" line="526"/>
        <source>Retry</source>
        <translation>ลองอีกครั้ง</translation>
    </message>
    <message>
        <source>Signed out — sign in to sync. Everything saved on this computer stays readable.</source>
        <translation type="vanished">ออกจากระบบแล้ว — เข้าสู่ระบบเพื่อซิงค์ ข้อมูลทั้งหมดที่บันทึกไว้ในเครื่องนี้ยังเปิดอ่านได้</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="366"/>
        <location filename="../../desktop/mainwindow.py" line="526"/>
        <source>Sign in…</source>
        <translation>เข้าสู่ระบบ…</translation>
    </message>
    <message>
        <source>The server refused to sync. Everything saved on this computer stays readable.</source>
        <translation type="vanished">เซิร์ฟเวอร์ปฏิเสธการซิงค์ ข้อมูลทั้งหมดที่บันทึกไว้ในเครื่องนี้ยังเปิดอ่านได้ตามปกติ</translation>
    </message>
    <message>
        <source>The server&apos;s answer was not what this application expects. Nothing saved on this computer was changed.</source>
        <translation type="vanished">คำตอบจากเซิร์ฟเวอร์ไม่ใช่สิ่งที่แอปพลิเคชันนี้คาดไว้ ข้อมูลที่บันทึกไว้ในเครื่องนี้ไม่ถูกเปลี่ยนแปลง</translation>
    </message>
    <message>
        <source>Sync failed: %1</source>
        <translation type="vanished">ซิงค์ไม่สำเร็จ: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="548"/>
        <source>● Online</source>
        <translation>● ออนไลน์</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="548"/>
        <source>● Offline</source>
        <translation>● ออฟไลน์</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="549"/>
        <source>● Signed out</source>
        <translation>● ออกจากระบบแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="549"/>
        <source>● Connecting…</source>
        <translation>● กำลังเชื่อมต่อ…</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="552"/>
        <source>● Offline · next try in %1 s</source>
        <translation>● ออฟไลน์ · ลองใหม่ในอีก %1 วินาที</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="554"/>
        <source> · next try in %1 s</source>
        <translation> · ลองใหม่ในอีก %1 วินาที</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="565"/>
        <source>Never synced</source>
        <translation>ยังไม่เคยซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/mainwindow.py" line="568"/>
        <source>Last synced %1</source>
        <translation>ซิงค์ล่าสุด %1</translation>
    </message>
</context>
<context>
    <name>MarketingView</name>
    <message>
        <location filename="../../desktop/views/marketing.py" line="343"/>
        <source>Last %1 days</source>
        <translation>%1 วันล่าสุด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="344"/>
        <source>Custom range</source>
        <translation>กำหนดช่วงเอง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="381"/>
        <source>Period</source>
        <translation>ช่วงเวลา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="443"/>
        <source>All platforms</source>
        <translation>ทุกแพลตฟอร์ม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="456"/>
        <source>The daily figures are being downloaded — they appear as soon as this sync has them all.</source>
        <translation>กำลังดาวน์โหลดตัวเลขรายวัน — จะแสดงทันทีที่การซิงค์ครั้งนี้ได้ข้อมูลครบ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="478"/>
        <source>%1 to %2</source>
        <translation>%1 ถึง %2</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="485"/>
        <source>No campaigns match — try another name or platform.</source>
        <translation>ไม่พบแคมเปญที่ตรงกัน — ลองชื่ออื่นหรือแพลตฟอร์มอื่น</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="486"/>
        <source>No campaigns yet — press Sync now (F5).</source>
        <translation>ยังไม่มีแคมเปญ — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="503"/>
        <source>all %1 campaigns</source>
        <translation>แคมเปญ %1 ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="505"/>
        <source>all campaigns</source>
        <translation>แคมเปญทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="506"/>
        <source>Daily spend and leads — %1</source>
        <translation>ยอดใช้จ่ายและลีดรายวัน — %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="509"/>
        <source>Spend %1 · Impressions %2 · Clicks %3 (CTR %4, CPC %5) · Leads %6 (CPL %7)</source>
        <translation>ยอดใช้จ่าย %1 · การแสดงผล %2 · คลิก %3 (CTR %4, CPC %5) · ลีด %6 (CPL %7)</translation>
    </message>
</context>
<context>
    <name>MetricsTreeModel</name>
    <message>
        <location filename="../../desktop/views/marketing.py" line="107"/>
        <source>Name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="108"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="109"/>
        <source>Spend</source>
        <translation>ยอดใช้จ่าย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="110"/>
        <source>Impressions</source>
        <translation>การแสดงผล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="111"/>
        <source>Clicks</source>
        <translation>คลิก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="112"/>
        <source>CTR</source>
        <translation>CTR</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="113"/>
        <source>CPC</source>
        <translation>CPC</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="114"/>
        <source>Leads</source>
        <translation>ลีด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="115"/>
        <source>CPL</source>
        <translation>CPL</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="119"/>
        <source>Active</source>
        <translation>ใช้งานอยู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="119"/>
        <source>Paused</source>
        <translation>หยุดชั่วคราว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="119"/>
        <source>Ended</source>
        <translation>สิ้นสุดแล้ว</translation>
    </message>
</context>
<context>
    <name>OrderDetail</name>
    <message>
        <location filename="../../desktop/views/orders.py" line="92"/>
        <location filename="../../desktop/views/orders.py" line="164"/>
        <source>Select an order to see its items.</source>
        <translation>เลือกคำสั่งซื้อเพื่อดูรายการสินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="108"/>
        <source>Open customer</source>
        <translation>เปิดข้อมูลลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="117"/>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="117"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="118"/>
        <source>Channel</source>
        <translation>ช่องทาง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="118"/>
        <source>Paid</source>
        <translation>วันที่ชำระ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="119"/>
        <source>Sold by</source>
        <translation>ผู้ขาย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="119"/>
        <source>Campaign</source>
        <translation>แคมเปญ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="127"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="127"/>
        <source>Qty</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="127"/>
        <source>Unit price</source>
        <translation>ราคา/หน่วย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="128"/>
        <source>Line total</source>
        <translation>รวม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="143"/>
        <source>Subtotal</source>
        <translation>รวมเงิน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="143"/>
        <source>Discount</source>
        <translation>ส่วนลด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="144"/>
        <source>Total</source>
        <translation>ยอดสุทธิ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="165"/>
        <source>This order is no longer in your data.</source>
        <translation>ไม่พบคำสั่งซื้อนี้ในข้อมูลของคุณแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="172"/>
        <source>Order %1</source>
        <translation>คำสั่งซื้อ %1</translation>
    </message>
</context>
<context>
    <name>OrderStatus</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="22"/>
        <source>Pending</source>
        <translation>รอชำระ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="22"/>
        <source>Paid</source>
        <translation>ชำระแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="23"/>
        <source>Refunded</source>
        <translation>คืนเงินแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="24"/>
        <source>Cancelled</source>
        <translation>ยกเลิกแล้ว</translation>
    </message>
</context>
<context>
    <name>OrdersView</name>
    <message>
        <location filename="../../desktop/views/orders.py" line="232"/>
        <source>All statuses</source>
        <translation>ทุกสถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="233"/>
        <source>All channels</source>
        <translation>ทุกช่องทาง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="235"/>
        <source>Any date</source>
        <translation>ไม่จำกัดวันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="248"/>
        <source>From</source>
        <translation>จาก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="250"/>
        <source>To</source>
        <translation>ถึง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="259"/>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="261"/>
        <source>Order</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="262"/>
        <source>Customer</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="263"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="265"/>
        <source>Channel</source>
        <translation>ช่องทาง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="267"/>
        <source>Total</source>
        <translation>ยอดรวม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="269"/>
        <source>Paid</source>
        <translation>วันที่ชำระ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="273"/>
        <source>No orders yet — press Sync now (F5).</source>
        <translation>ยังไม่มีคำสั่งซื้อ — กด “ซิงค์ตอนนี้” (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="274"/>
        <source>No orders match your search or filters.</source>
        <translation>ไม่พบคำสั่งซื้อที่ตรงกับคำค้นหาหรือตัวกรอง</translation>
    </message>
    <message>
        <location filename="../../desktop/views/orders.py" line="275"/>
        <source>%1 orders</source>
        <translation>คำสั่งซื้อ %1 รายการ</translation>
    </message>
</context>
<context>
    <name>PendingChanges</name>
    <message>
        <location filename="../../desktop/pending.py" line="44"/>
        <source>%1 of your changes need you: in conflict with edits made on the server: %2; refused by the server: %3.</source>
        <translation>มีการเปลี่ยนแปลงของคุณ %1 รายการที่ต้องจัดการ: ขัดแย้งกับการแก้ไขบนเซิร์ฟเวอร์ %2 รายการ และถูกเซิร์ฟเวอร์ปฏิเสธ %3 รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="48"/>
        <source>One of your changes conflicts with an edit made on the server: choose which value to keep.</source>
        <translation>การเปลี่ยนแปลงของคุณ 1 รายการขัดแย้งกับการแก้ไขบนเซิร์ฟเวอร์: เลือกว่าจะใช้ค่าใด</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="51"/>
        <source>%1 of your changes conflict with edits made on the server: choose which values to keep.</source>
        <translation>การเปลี่ยนแปลงของคุณ %1 รายการขัดแย้งกับการแก้ไขบนเซิร์ฟเวอร์: เลือกว่าจะใช้ค่าใด</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="55"/>
        <source>The server refused one of your changes: see why, then edit or discard it.</source>
        <translation>เซิร์ฟเวอร์ปฏิเสธการเปลี่ยนแปลงของคุณ 1 รายการ: ดูสาเหตุ แล้วแก้ไขหรือทิ้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="58"/>
        <source>The server refused %1 of your changes: see why, then edit or discard them.</source>
        <translation>เซิร์ฟเวอร์ปฏิเสธการเปลี่ยนแปลงของคุณ %1 รายการ: ดูสาเหตุ แล้วแก้ไขหรือทิ้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="60"/>
        <source>Resolve…</source>
        <translation>จัดการ…</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="61"/>
        <source>Review…</source>
        <translation>ดูรายการ…</translation>
    </message>
</context>
<context>
    <name>PendingLink</name>
    <message>
        <location filename="../../desktop/pending.py" line="97"/>
        <source>Waiting to be sent: %1 · in conflict: %2 · refused: %3</source>
        <translation>รอส่ง: %1 · ขัดแย้ง: %2 · ถูกปฏิเสธ: %3</translation>
    </message>
    <message>
        <location filename="../../desktop/pending.py" line="99"/>
        <source>Open Pending changes (%1)</source>
        <translation>เปิดรายการรอส่ง (%1)</translation>
    </message>
</context>
<context>
    <name>PendingPage</name>
    <message>
        <location filename="../../desktop/pending_page.py" line="64"/>
        <source>Pending changes — VSchool CRM</source>
        <translation>รายการรอส่ง — VSchool CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="66"/>
        <source>Changes made on this computer that the server has not accepted yet. They are sent at every sync, offline ones as soon as the server can be reached; a conflict or a refusal waits for you here.</source>
        <translation>การเปลี่ยนแปลงที่ทำในเครื่องนี้ซึ่งเซิร์ฟเวอร์ยังไม่ได้รับ ระบบจะส่งทุกครั้งที่ซิงค์ รายการที่ทำตอนออฟไลน์จะส่งทันทีที่ติดต่อเซิร์ฟเวอร์ได้ ส่วนรายการที่ขัดแย้งหรือถูกปฏิเสธจะรอให้คุณจัดการที่นี่</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="71"/>
        <source>Nothing waiting: every change has reached the server.</source>
        <translation>ไม่มีรายการรอส่ง: การเปลี่ยนแปลงทั้งหมดถึงเซิร์ฟเวอร์แล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="76"/>
        <source>Change</source>
        <translation>การเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="76"/>
        <source>State</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="76"/>
        <source>Made</source>
        <translation>เวลาที่ทำ</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="77"/>
        <source>Server&apos;s message</source>
        <translation>ข้อความจากเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="93"/>
        <source>&amp;Resolve…</source>
        <translation>จัดการ… (&amp;R)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="94"/>
        <source>Choose, field by field, your value or the server&apos;s (Enter)</source>
        <translation>เลือกทีละช่องว่าจะใช้ค่าของคุณหรือของเซิร์ฟเวอร์ (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="96"/>
        <source>&amp;Edit…</source>
        <translation>แก้ไข… (&amp;E)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="97"/>
        <source>Correct the values and send the change again (Enter)</source>
        <translation>แก้ค่าให้ถูกต้องแล้วส่งอีกครั้ง (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="99"/>
        <source>Re&amp;try</source>
        <translation>ส่งอีกครั้ง (&amp;T)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="100"/>
        <source>Send the change again as it is</source>
        <translation>ส่งการเปลี่ยนแปลงเดิมอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="102"/>
        <source>&amp;Discard…</source>
        <translation>ทิ้ง… (&amp;D)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="103"/>
        <source>Drop the change: the record shows the server&apos;s values again (Delete)</source>
        <translation>ทิ้งการเปลี่ยนแปลงนี้: ข้อมูลจะกลับไปเป็นค่าบนเซิร์ฟเวอร์ (Delete)</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="175"/>
        <source>Changed on the server too: %1</source>
        <translation>ถูกแก้ไขบนเซิร์ฟเวอร์ด้วย: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="229"/>
        <source>Discard this change?</source>
        <translation>ทิ้งการเปลี่ยนแปลงนี้หรือไม่?</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="230"/>
        <source>Discard change</source>
        <translation>ทิ้งการเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../desktop/pending_page.py" line="240"/>
        <source>Not done: %1</source>
        <translation>ทำไม่สำเร็จ: %1</translation>
    </message>
</context>
<context>
    <name>Problems</name>
    <message>
        <location filename="../../desktop/problems.py" line="12"/>
        <source>No network: this computer cannot reach the internet.</source>
        <translation>ไม่มีเครือข่าย: เครื่องนี้เชื่อมต่ออินเทอร์เน็ตไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="13"/>
        <source>The server&apos;s name was not found: check the network, or the project URL in Settings.</source>
        <translation>ไม่พบชื่อเซิร์ฟเวอร์: ตรวจสอบเครือข่าย หรือ URL โปรเจกต์ในการตั้งค่า</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="15"/>
        <source>The server does not answer: it may be down or restarting.</source>
        <translation>เซิร์ฟเวอร์ไม่ตอบสนอง: อาจปิดอยู่หรือกำลังเริ่มระบบใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="16"/>
        <source>The server is having trouble (busy or failing).</source>
        <translation>เซิร์ฟเวอร์มีปัญหา (ทำงานหนักเกินไปหรือขัดข้อง)</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="17"/>
        <source>This address is not a Supabase project: check the project URL in Settings, or sign in to the network first.</source>
        <translation>ที่อยู่นี้ไม่ใช่โปรเจกต์ Supabase: ตรวจสอบ URL โปรเจกต์ในการตั้งค่า หรือเข้าสู่ระบบเครือข่าย (Wi-Fi) ก่อน</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="19"/>
        <source>The server&apos;s answer was not what this application expects.</source>
        <translation>คำตอบจากเซิร์ฟเวอร์ไม่ใช่สิ่งที่แอปพลิเคชันนี้คาดไว้</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="20"/>
        <source>The server refused the project&apos;s anon key: check it in Settings.</source>
        <translation>เซิร์ฟเวอร์ปฏิเสธคีย์ anon ของโปรเจกต์: ตรวจสอบในการตั้งค่า</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="22"/>
        <source>The server refused to sync.</source>
        <translation>เซิร์ฟเวอร์ปฏิเสธการซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="25"/>
        <source>You are offline.</source>
        <translation>คุณออฟไลน์อยู่</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="26"/>
        <source>Signed out: sign in to sync.</source>
        <translation>ออกจากระบบแล้ว: เข้าสู่ระบบเพื่อซิงค์</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="30"/>
        <source>Showing the data saved on this computer.</source>
        <translation>กำลังแสดงข้อมูลที่บันทึกไว้ในเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="31"/>
        <source>Nothing saved on this computer was changed.</source>
        <translation>ข้อมูลที่บันทึกไว้ในเครื่องนี้ไม่ถูกเปลี่ยนแปลง</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="33"/>
        <source>Everything saved on this computer stays readable.</source>
        <translation>ข้อมูลทั้งหมดที่บันทึกไว้ในเครื่องนี้ยังเปิดอ่านได้ตามปกติ</translation>
    </message>
    <message>
        <location filename="../../desktop/problems.py" line="42"/>
        <source>Sync failed.</source>
        <translation>ซิงค์ไม่สำเร็จ</translation>
    </message>
</context>
<context>
    <name>ProductDetail</name>
    <message>
        <location filename="../../desktop/views/catalog.py" line="245"/>
        <source>Contents</source>
        <translation>รายการในแพ็กเกจ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="250"/>
        <source>Product</source>
        <translation>สินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="250"/>
        <source>Qty</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="250"/>
        <source>Unit price</source>
        <translation>ราคา/หน่วย</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="251"/>
        <source>Subtotal</source>
        <translation>รวม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="267"/>
        <source>Select a product to see its picture, description and contents.</source>
        <translation>เลือกสินค้าเพื่อดูรูปภาพ คำอธิบาย และรายการที่รวมอยู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="314"/>
        <source>Category</source>
        <translation>หมวดหมู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="315"/>
        <source>Price</source>
        <translation>ราคา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="317"/>
        <source>Duration</source>
        <translation>ระยะเวลา</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="318"/>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="318"/>
        <source>Active — on sale</source>
        <translation>เปิดขาย — มีจำหน่ายอยู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="319"/>
        <source>Inactive — no longer sold</source>
        <translation>เลิกขาย — ไม่มีจำหน่ายแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="320"/>
        <source>Code</source>
        <translation>รหัส</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="341"/>
        <source>No picture yet — it is downloaded at the next sync.</source>
        <translation>ยังไม่มีรูปภาพ — จะดาวน์โหลดเมื่อซิงค์ครั้งถัดไป</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="375"/>
        <source>This package lists no contents yet.</source>
        <translation>แพ็กเกจนี้ยังไม่มีรายการสินค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="378"/>
        <source>Bought separately: %1</source>
        <translation>ราคาซื้อแยก: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/views/catalog.py" line="380"/>
        <source>Bought separately: %1 — the package saves %2</source>
        <translation>ราคาซื้อแยก: %1 — ซื้อแพ็กเกจประหยัด %2</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../desktop/i18n.py" line="55"/>
        <source>OK</source>
        <translation>ตกลง</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="55"/>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="56"/>
        <source>&amp;Yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="56"/>
        <source>&amp;No</source>
        <translation>ไม่</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="57"/>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="57"/>
        <source>Apply</source>
        <translation>ใช้</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="58"/>
        <source>Discard</source>
        <translation>ทิ้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/i18n.py" line="59"/>
        <source>Save</source>
        <translation>บันทึก</translation>
    </message>
</context>
<context>
    <name>RevenueSpendChart</name>
    <message>
        <location filename="../../desktop/views/dashboard_widgets.py" line="100"/>
        <source>Revenue (฿)</source>
        <translation>รายได้ (฿)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/dashboard_widgets.py" line="101"/>
        <source>Ad spend (฿)</source>
        <translation>ค่าโฆษณา (฿)</translation>
    </message>
</context>
<context>
    <name>Segment</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="15"/>
        <source>Lead</source>
        <translation>ผู้สนใจ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="15"/>
        <source>New</source>
        <translation>รายใหม่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="16"/>
        <source>Active</source>
        <translation>ยังซื้ออยู่</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="16"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="17"/>
        <source>Dormant</source>
        <translation>ห่างหาย</translation>
    </message>
</context>
<context>
    <name>SetAsideDialog</name>
    <message>
        <location filename="../../desktop/setaside.py" line="55"/>
        <source>Records that could not be stored</source>
        <translation>ข้อมูลที่บันทึกไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="58"/>
        <source>The server sent these records, but this computer could not store them. Everything else is synced. They are tried again at every sync, and leave this list once they can be stored or the record changes on the server.</source>
        <translation>เซิร์ฟเวอร์ส่งข้อมูลเหล่านี้มา แต่เครื่องนี้บันทึกไว้ไม่ได้ ข้อมูลอื่นทั้งหมดซิงค์เรียบร้อยแล้ว ระบบจะลองบันทึกใหม่ทุกครั้งที่ซิงค์ และจะนำออกจากรายการนี้เมื่อบันทึกได้ หรือเมื่อข้อมูลนั้นเปลี่ยนบนเซิร์ฟเวอร์</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="64"/>
        <source>Kind</source>
        <translation>ประเภท</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="64"/>
        <source>Record</source>
        <translation>รายการ</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="64"/>
        <source>Reason</source>
        <translation>สาเหตุ</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="84"/>
        <source>file</source>
        <translation>ไฟล์</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="86"/>
        <source>analytics</source>
        <translation>การวิเคราะห์</translation>
    </message>
</context>
<context>
    <name>SetAsideLink</name>
    <message>
        <location filename="../../desktop/setaside.py" line="41"/>
        <source>1 record could not be stored — details</source>
        <translation>บันทึกข้อมูลไม่ได้ 1 รายการ — ดูรายละเอียด</translation>
    </message>
    <message>
        <location filename="../../desktop/setaside.py" line="43"/>
        <source>%1 records could not be stored — details</source>
        <translation>บันทึกข้อมูลไม่ได้ %1 รายการ — ดูรายละเอียด</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="56"/>
        <source>Settings — VSchool CRM</source>
        <translation>ตั้งค่า — VSchool CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="62"/>
        <location filename="../../desktop/settingsdialog.py" line="66"/>
        <source> min</source>
        <translation> นาที</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="68"/>
        <source>Data synced longer ago than this is marked stale.</source>
        <translation>ข้อมูลที่ซิงค์มานานกว่านี้จะแสดงว่าเก่าแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="73"/>
        <source>Live updates</source>
        <translation>อัปเดตสด</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="75"/>
        <source>The server&apos;s changes appear within a second. Turn off on a metered connection: the app then syncs on the schedule only.</source>
        <translation>การเปลี่ยนแปลงบนเซิร์ฟเวอร์จะแสดงภายในหนึ่งวินาที ปิดไว้เมื่อใช้เน็ตแบบจำกัดปริมาณ: แอปจะซิงค์ตามรอบเวลาเท่านั้น</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="77"/>
        <source>Buddhist-era years (year + 543)</source>
        <translation>ใช้ปี พ.ศ. (ค.ศ. + 543)</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="85"/>
        <source>General</source>
        <translation>ทั่วไป</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="87"/>
        <source>Sync every</source>
        <translation>ซิงค์ทุก</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="88"/>
        <source>Stale after</source>
        <translation>ถือว่าเก่าเมื่อผ่านไป</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="90"/>
        <source>Language</source>
        <translation>ภาษา</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="91"/>
        <source>Dates</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="109"/>
        <source>Account</source>
        <translation>บัญชี</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="114"/>
        <source>No project yet</source>
        <translation>ยังไม่ได้ตั้งค่าโปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="116"/>
        <source>Signed in as %1</source>
        <translation>เข้าสู่ระบบในชื่อ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="118"/>
        <source>Signed out (the data of %1 on this computer stays readable)</source>
        <translation>ออกจากระบบแล้ว (ข้อมูลของ %1 ในเครื่องนี้ยังเปิดอ่านได้)</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="120"/>
        <source>Not signed in</source>
        <translation>ยังไม่ได้เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="123"/>
        <source>Full resync</source>
        <translation>ซิงค์ใหม่ทั้งหมด</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="126"/>
        <source>Downloads everything again and drops what the server no longer has. Takes longer than a normal sync; the data stays readable meanwhile.</source>
        <translation>ดาวน์โหลดทุกอย่างใหม่ และทิ้งข้อมูลที่เซิร์ฟเวอร์ไม่มีแล้ว ใช้เวลานานกว่าการซิงค์ปกติ ระหว่างนั้นยังเปิดอ่านข้อมูลได้</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="128"/>
        <location filename="../../desktop/settingsdialog.py" line="214"/>
        <source>Sign out</source>
        <translation>ออกจากระบบ</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="129"/>
        <source>The data on this computer stays readable until you sign in again.</source>
        <translation>ข้อมูลในเครื่องนี้ยังเปิดอ่านได้จนกว่าคุณจะเข้าสู่ระบบอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="132"/>
        <source>Sign out and remove local data…</source>
        <translation>ออกจากระบบและลบข้อมูลในเครื่อง…</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="136"/>
        <source>Project</source>
        <translation>โปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="137"/>
        <source>User</source>
        <translation>ผู้ใช้</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="152"/>
        <source>Today: %1</source>
        <translation>วันนี้: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="179"/>
        <source>Full resync started.</source>
        <translation>เริ่มซิงค์ใหม่ทั้งหมดแล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="180"/>
        <source>A sync is running; the full resync follows it.</source>
        <translation>มีการซิงค์ที่กำลังทำงานอยู่ จะซิงค์ใหม่ทั้งหมดต่อจากนั้น</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="185"/>
        <source>Nothing is lost on the server, and none of your changes is waiting to be sent: everything can be downloaded again by signing in while online. Until then it cannot be read offline.</source>
        <translation>ไม่มีสิ่งใดสูญหายบนเซิร์ฟเวอร์ และไม่มีการเปลี่ยนแปลงของคุณรอส่งอยู่: ดาวน์โหลดทุกอย่างกลับมาได้อีกโดยเข้าสู่ระบบขณะออนไลน์ ระหว่างนั้นจะเปิดอ่านแบบออฟไลน์ไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="188"/>
        <source>1 change you made here has not reached the server yet: it will be lost, as it exists only on this computer. Cancel and sync first to keep it (Pending changes, Ctrl+Shift+P, shows it). Everything else can be downloaded again by signing in while online.</source>
        <translation>มีการเปลี่ยนแปลง 1 รายการที่คุณทำในเครื่องนี้และยังไม่ถึงเซิร์ฟเวอร์: รายการนี้จะสูญหาย เพราะมีอยู่ในเครื่องนี้เท่านั้น หากต้องการเก็บไว้ ให้กดยกเลิกแล้วซิงค์ก่อน (ดูได้ที่รายการรอส่ง, Ctrl+Shift+P) ข้อมูลอื่นทั้งหมดดาวน์โหลดกลับมาได้อีกโดยเข้าสู่ระบบขณะออนไลน์</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="192"/>
        <source>%1 changes you made here have not reached the server yet: they will be lost, as they exist only on this computer. Cancel and sync first to keep them (Pending changes, Ctrl+Shift+P, shows them). Everything else can be downloaded again by signing in while online.</source>
        <translation>มีการเปลี่ยนแปลง %1 รายการที่คุณทำในเครื่องนี้และยังไม่ถึงเซิร์ฟเวอร์: รายการเหล่านี้จะสูญหาย เพราะมีอยู่ในเครื่องนี้เท่านั้น หากต้องการเก็บไว้ ให้กดยกเลิกแล้วซิงค์ก่อน (ดูได้ที่รายการรอส่ง, Ctrl+Shift+P) ข้อมูลอื่นทั้งหมดดาวน์โหลดกลับมาได้อีกโดยเข้าสู่ระบบขณะออนไลน์</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="196"/>
        <source>Sign out and remove everything VSchool CRM keeps for %1 on this computer?

This removes %2 customers and %3 orders, with their files, from:
%4

%5</source>
        <translation>ออกจากระบบและลบทุกอย่างที่ VSchool CRM เก็บไว้สำหรับ %1 ในเครื่องนี้หรือไม่?

จะลบลูกค้า %2 ราย และคำสั่งซื้อ %3 รายการ พร้อมไฟล์ของข้อมูลเหล่านั้น ออกจาก:
%4

%5</translation>
    </message>
    <message>
        <source>Sign out and remove everything VSchool CRM keeps for %1 on this computer?

This removes %2 customers and %3 orders, with their files, from:
%4

Nothing is lost on the server, and nothing is waiting to be sent (this app never changes data): everything can be downloaded again by signing in while online. Until then it cannot be read offline.</source>
        <translation type="vanished">ออกจากระบบและลบทุกอย่างที่ VSchool CRM เก็บไว้สำหรับ %1 ในเครื่องนี้หรือไม่?

จะลบลูกค้า %2 ราย และคำสั่งซื้อ %3 รายการ พร้อมไฟล์ของข้อมูลเหล่านั้น ออกจาก:
%4

ไม่มีสิ่งใดสูญหายบนเซิร์ฟเวอร์ และไม่มีข้อมูลใดรอส่งอยู่ (แอปนี้ไม่เคยแก้ไขข้อมูล): ดาวน์โหลดทุกอย่างกลับมาได้อีกโดยเข้าสู่ระบบขณะออนไลน์ ระหว่างนั้นจะเปิดอ่านแบบออฟไลน์ไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="201"/>
        <source>Remove local data</source>
        <translation>ลบข้อมูลในเครื่อง</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="209"/>
        <source>1 change you made has not reached the server yet. It stays on this computer and is sent after you next sign in as %2.

Sign out now?</source>
        <translation>มีการเปลี่ยนแปลง 1 รายการที่คุณทำและยังไม่ถึงเซิร์ฟเวอร์ รายการนี้จะเก็บไว้ในเครื่องนี้ และจะส่งเมื่อคุณเข้าสู่ระบบในชื่อ %2 ครั้งถัดไป

ออกจากระบบตอนนี้หรือไม่?</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="212"/>
        <source>%1 changes you made have not reached the server yet. They stay on this computer and are sent after you next sign in as %2.

Sign out now?</source>
        <translation>มีการเปลี่ยนแปลง %1 รายการที่คุณทำและยังไม่ถึงเซิร์ฟเวอร์ รายการเหล่านี้จะเก็บไว้ในเครื่องนี้ และจะส่งเมื่อคุณเข้าสู่ระบบในชื่อ %2 ครั้งถัดไป

ออกจากระบบตอนนี้หรือไม่?</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="234"/>
        <source>Stopping the sync before signing out…</source>
        <translation>กำลังหยุดการซิงค์ก่อนออกจากระบบ…</translation>
    </message>
    <message>
        <location filename="../../desktop/settingsdialog.py" line="246"/>
        <source>Signed out, but %1 could not be removed completely (%2): remove it by hand.</source>
        <translation>ออกจากระบบแล้ว แต่ลบ %1 ได้ไม่หมด (%2): โปรดลบด้วยตนเอง</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/signin.py" line="65"/>
        <source>Sign in — VSchool CRM</source>
        <translation>เข้าสู่ระบบ — VSchool CRM</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="111"/>
        <source>the project&apos;s anon (public) key</source>
        <translation>คีย์ anon (สาธารณะ) ของโปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="112"/>
        <source>Use the demo</source>
        <translation>ใช้เดโม</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="114"/>
        <source>The local demo server started by `make demo`, at %1</source>
        <translation>เซิร์ฟเวอร์เดโมในเครื่องที่เปิดด้วย `make demo` ที่ %1</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="117"/>
        <source>Project URL</source>
        <translation>URL โปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="118"/>
        <source>Anon key</source>
        <translation>คีย์ anon</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="124"/>
        <source>Which project?</source>
        <translation>โปรเจกต์ไหน?</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="125"/>
        <source>Your administrator gives you the school&apos;s Supabase project URL and its anon key (in Supabase: Project Settings → API).</source>
        <translation>ผู้ดูแลระบบจะให้ URL โปรเจกต์ Supabase ของโรงเรียนและคีย์ anon แก่คุณ (ใน Supabase: Project Settings → API)</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="136"/>
        <source>Change project…</source>
        <translation>เปลี่ยนโปรเจกต์…</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="144"/>
        <source>Remember me on this computer</source>
        <translation>จดจำการเข้าสู่ระบบในเครื่องนี้</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="149"/>
        <source>No keyring (the system&apos;s password store) works on this computer, so the sign-in lasts for this session only: you will be asked to sign in again next time VSchool CRM starts.</source>
        <translation>เครื่องนี้ไม่มีคีย์ริง (ที่เก็บรหัสผ่านของระบบ) ที่ใช้งานได้ การเข้าสู่ระบบจึงมีผลเฉพาะรอบนี้ ครั้งหน้าที่เปิด VSchool CRM คุณจะต้องเข้าสู่ระบบอีกครั้ง</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="159"/>
        <source>Email</source>
        <translation>อีเมล</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="160"/>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="164"/>
        <location filename="../../desktop/signin.py" line="179"/>
        <source>Sign in</source>
        <translation>เข้าสู่ระบบ</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="176"/>
        <source>Next</source>
        <translation>ถัดไป</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="180"/>
        <source>Project: %1</source>
        <translation>โปรเจกต์: %1</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="199"/>
        <source>Enter the project URL.</source>
        <translation>กรุณากรอก URL โปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="204"/>
        <source>“%1” is not a web address: it should look like https://&lt;project&gt;.supabase.co</source>
        <translation>“%1” ไม่ใช่ที่อยู่เว็บ: ควรมีรูปแบบเช่น https://&lt;project&gt;.supabase.co</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="208"/>
        <source>Enter the project&apos;s anon key.</source>
        <translation>กรุณากรอกคีย์ anon ของโปรเจกต์</translation>
    </message>
    <message>
        <location filename="../../desktop/signin.py" line="217"/>
        <source>Enter your email and password.</source>
        <translation>กรุณากรอกอีเมลและรหัสผ่าน</translation>
    </message>
</context>
<context>
    <name>Source</name>
    <message>
        <location filename="../../desktop/views/labels.py" line="18"/>
        <source>Facebook</source>
        <translation>Facebook</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="18"/>
        <source>Instagram</source>
        <translation>Instagram</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="19"/>
        <source>LINE</source>
        <translation>LINE</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="19"/>
        <source>TikTok</source>
        <translation>TikTok</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="20"/>
        <source>Google</source>
        <translation>Google</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="20"/>
        <source>Walk-in</source>
        <translation>หน้าร้าน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="21"/>
        <source>Referral</source>
        <translation>บอกต่อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/labels.py" line="21"/>
        <source>Website</source>
        <translation>เว็บไซต์</translation>
    </message>
</context>
<context>
    <name>SyncProgress</name>
    <message>
        <location filename="../../desktop/sync_progress.py" line="46"/>
        <source>Syncing %1: %2 of %3 rows</source>
        <translation>กำลังซิงค์ %1: %2 จาก %3 แถว</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_progress.py" line="56"/>
        <source>less than a minute left</source>
        <translation>เหลือไม่ถึงหนึ่งนาที</translation>
    </message>
    <message>
        <location filename="../../desktop/sync_progress.py" line="57"/>
        <source>about %1 min left</source>
        <translation>เหลืออีกประมาณ %1 นาที</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../desktop/views/timeline.py" line="44"/>
        <source>The follow-up was not marked done: the activity is no longer in the data on this computer.</source>
        <translation>ยังไม่ได้ปิดงานติดตามผล: ไม่มีกิจกรรมนี้ในข้อมูลบนเครื่องนี้แล้ว</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="47"/>
        <source>The follow-up was not marked done: the data on this computer cannot be written.</source>
        <translation>ยังไม่ได้ปิดงานติดตามผล: เขียนข้อมูลลงเครื่องนี้ไม่ได้</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="154"/>
        <source>Log activity</source>
        <translation>บันทึกกิจกรรม</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="156"/>
        <source>Log a call, a LINE chat, a visit, an e-mail or a note (Ctrl+L)</source>
        <translation>บันทึกการโทร แชท LINE การพบลูกค้า อีเมล หรือโน้ต (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="164"/>
        <source>Nothing logged yet: press Log activity (Ctrl+L) after a call, a chat or a visit.</source>
        <translation>ยังไม่มีกิจกรรม: หลังโทร แชท หรือพบลูกค้า กด บันทึกกิจกรรม (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="209"/>
        <source>Activities (%1)</source>
        <translation>กิจกรรม (%1)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/timeline.py" line="212"/>
        <source>%1 earlier activities are not shown.</source>
        <translation>ยังมีกิจกรรมก่อนหน้านี้อีก %1 รายการที่ไม่ได้แสดง</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../desktop/views/marketing.py" line="289"/>
        <source>Spend (฿)</source>
        <translation>ยอดใช้จ่าย (฿)</translation>
    </message>
    <message>
        <location filename="../../desktop/views/marketing.py" line="291"/>
        <source>Leads</source>
        <translation>ลีด</translation>
    </message>
</context>
<context>
    <name>View</name>
    <message>
        <location filename="../../desktop/views/base.py" line="46"/>
        <source>Customers</source>
        <translation>ลูกค้า</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="47"/>
        <source>Follow-ups</source>
        <translation>ติดตามผล</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="48"/>
        <source>Catalog</source>
        <translation>แคตตาล็อก</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="49"/>
        <source>Marketing</source>
        <translation>การตลาด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="50"/>
        <source>Orders</source>
        <translation>คำสั่งซื้อ</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="51"/>
        <source>Employees</source>
        <translation>พนักงาน</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="52"/>
        <source>Dashboard</source>
        <translation>แดชบอร์ด</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="63"/>
        <source>Syncing for the first time…</source>
        <translation>กำลังซิงค์ครั้งแรก…</translation>
    </message>
    <message>
        <location filename="../../desktop/views/base.py" line="64"/>
        <source>Syncing for the first time… %1 rows</source>
        <translation>กำลังซิงค์ครั้งแรก… %1 แถว</translation>
    </message>
</context>
</TS>
