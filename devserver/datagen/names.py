"""Name lists for people: Thai names in Thai script with the romanisation people use for email and LINE ids,
and foreign visitors' names by country, with how that country writes a mobile number."""

from __future__ import annotations

from dataclasses import dataclass

THAI_GIVEN_MALE = (
    ("สมชาย", "somchai"), ("สมศักดิ์", "somsak"), ("ประเสริฐ", "prasert"), ("วิชัย", "wichai"),
    ("สุรชัย", "surachai"), ("อนุชา", "anucha"), ("ธนากร", "thanakorn"), ("ณัฐพล", "nattaphon"),
    ("กิตติพงษ์", "kittiphong"), ("ศุภชัย", "supachai"), ("ชัยวัฒน์", "chaiwat"), ("วีระพงษ์", "weeraphong"),
    ("ธีรวัฒน์", "theerawat"), ("พงศกร", "phongsakorn"), ("ภูมิพัฒน์", "phumiphat"), ("ปิยะพงษ์", "piyaphong"),
    ("อภิสิทธิ์", "aphisit"), ("จักรพันธ์", "jakkaphan"), ("เอกชัย", "ekkachai"), ("ณรงค์", "narong"),
    ("วรวุฒิ", "worawut"), ("ธนพล", "thanaphon"), ("กฤษดา", "kritsada"), ("สุทธิพงษ์", "sutthiphong"),
    ("ภานุวัฒน์", "phanuwat"), ("ปกรณ์", "pakorn"), ("ศักดิ์ชัย", "sakchai"), ("อรรถพล", "attaphon"),
    ("ชนาธิป", "chanathip"), ("นพดล", "noppadon"),
)

THAI_GIVEN_FEMALE = (
    ("สุภาพร", "supaporn"), ("กาญจนา", "kanchana"), ("ปวีณา", "paweena"), ("นภัสสร", "napatsorn"),
    ("ศิริพร", "siriporn"), ("อรอุมา", "onuma"), ("พิมพ์ชนก", "pimchanok"), ("ณัฐธิดา", "nattida"),
    ("ชนิดา", "chanida"), ("รัตนา", "rattana"), ("สุดารัตน์", "sudarat"), ("วรรณา", "wanna"),
    ("ธิดารัตน์", "thidarat"), ("กมลชนก", "kamonchanok"), ("วิภาวรรณ", "wipawan"), ("จิราพร", "jiraporn"),
    ("ปิยะนุช", "piyanuch"), ("อัญชลี", "anchalee"), ("เบญจวรรณ", "benjawan"), ("พรทิพย์", "pornthip"),
    ("มณีรัตน์", "maneerat"), ("ศศิธร", "sasithorn"), ("นันทนา", "nanthana"), ("ปาริชาติ", "parichat"),
    ("อารีรัตน์", "areerat"), ("ลลิตา", "lalita"), ("ชุติมา", "chutima"), ("ณิชา", "nicha"),
    ("ภัทรา", "phattra"), ("ขวัญใจ", "khwanjai"),
)

THAI_SURNAMES = (
    ("ศรีสุข", "srisuk"), ("วงศ์สวัสดิ์", "wongsawat"), ("แก้วประเสริฐ", "kaewprasert"), ("ทองดี", "thongdee"),
    ("สุขสวัสดิ์", "suksawat"), ("จันทร์แก้ว", "chankaew"), ("บุญมา", "boonma"), ("ศรีวงศ์", "sriwong"),
    ("พรหมมา", "promma"), ("รัตนพันธ์", "rattanaphan"), ("เจริญสุข", "charoensuk"), ("ชัยมงคล", "chaimongkol"),
    ("ปัญญาวงศ์", "panyawong"), ("มณีวงศ์", "maneewong"), ("สายทอง", "saithong"), ("วัฒนากุล", "wattanakul"),
    ("ตั้งเจริญ", "tangcharoen"), ("ลิ้มเจริญ", "limcharoen"), ("แซ่ตั้ง", "saetang"), ("แซ่ลิ้ม", "saelim"),
    ("เพชรรัตน์", "phetcharat"), ("บุญเรือง", "boonruang"), ("อินทรสุวรรณ", "intarasuwan"),
    ("ศักดิ์ศรี", "saksri"), ("นาคประเสริฐ", "nakprasert"), ("สมบูรณ์", "somboon"), ("ธนสมบัติ", "thanasombat"),
    ("กิตติวงศ์", "kittiwong"), ("ประเสริฐศักดิ์", "prasertsak"), ("อุดมสุข", "udomsuk"), ("พึ่งบุญ", "phuengboon"),
    ("ทองมา", "thongma"), ("สุวรรณรัตน์", "suwannarat"), ("จันทร์หอม", "chanhom"), ("ใจดี", "jaidee"),
    ("มีสุข", "meesuk"), ("พานิชย์", "phanit"), ("วิริยะกุล", "wiriyakul"), ("ศรีสวัสดิ์", "srisawat"),
    ("บุญประเสริฐ", "boonprasert"),
)

# Nicknames by who usually has them: m, f, or anyone.
THAI_NICKNAMES = (
    ("ต้น", "Ton", "m"), ("กอล์ฟ", "Golf", "m"), ("บอล", "Ball", "m"), ("เก่ง", "Keng", "m"), ("โอ๊ต", "Oat", "m"),
    ("อาร์ม", "Arm", "m"), ("แบงค์", "Bank", "m"), ("เอิร์ธ", "Earth", "m"), ("เอ็ม", "Em", "m"), ("ต้า", "Ta", "m"),
    ("แพร", "Prae", "f"), ("มิ้นท์", "Mint", "f"), ("ฝน", "Fon", "f"), ("แนน", "Nan", "f"), ("อ้อม", "Aom", "f"),
    ("หนิง", "Ning", "f"), ("จอย", "Joy", "f"), ("พลอย", "Ploy", "f"), ("แอน", "Ann", "f"), ("เฟิร์น", "Fern", "f"),
    ("เมย์", "May", "f"), ("จูน", "June", "f"), ("หมิว", "Mew", "f"), ("กิ๊ฟ", "Gift", "f"), ("นุ่น", "Noon", "f"),
    ("ฟ้า", "Fah", "f"), ("นก", "Nok", ""), ("ปุ้ย", "Pui", ""), ("ปลา", "Pla", ""), ("ไก่", "Kai", ""),
    ("ตาล", "Tan", ""), ("บี", "Bee", ""), ("ปอ", "Por", ""), ("น้ำ", "Nam", ""), ("ตูน", "Toon", ""),
    ("เจ", "Jay", ""), ("มด", "Mod", ""), ("ปู", "Poo", ""), ("ส้ม", "Som", ""), ("ต่าย", "Tai", ""),
    ("เบียร์", "Beer", ""), ("ปาล์ม", "Palm", ""),
)
NICKNAMES_FOR = {gender: tuple((th, latin) for th, latin, g in THAI_NICKNAMES if g in (gender, ""))
                 for gender in ("m", "f")}


@dataclass(frozen=True)
class Country:
    """Where a foreign customer is from; `phone` is a pattern whose # are random digits."""

    code: str
    given: tuple[str, ...]
    family: tuple[str, ...]
    phone: str
    family_first: bool = False


COUNTRIES = (
    Country("GB", ("Oliver", "Amelia", "Harry", "Isla", "George", "Emily", "Jack", "Sophie", "Charlotte", "James"),
            ("Smith", "Jones", "Taylor", "Brown", "Wilson", "Davies", "Evans", "Walker", "Hughes", "Wright"),
            "+44 7700 900###"),
    Country("US", ("Olivia", "Ethan", "Ava", "Noah", "Mia", "Liam", "Harper", "Mason", "Ella", "Logan"),
            ("Miller", "Johnson", "Davis", "Martinez", "Anderson", "Thompson", "Garcia", "Clark", "Lewis", "Hall"),
            "+1 ### 555-01##"),
    Country("AU", ("Lachlan", "Chloe", "Jack", "Zoe", "Cooper", "Matilda", "Riley", "Grace"),
            ("Murphy", "Campbell", "O'Brien", "Kelly", "Ryan", "Mitchell", "Stewart", "Nguyen"),
            "+61 4## ### ###"),
    Country("DE", ("Lukas", "Anna", "Felix", "Lea", "Jonas", "Lena", "Paul", "Marie", "Finn", "Hannah"),
            ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Koch"),
            "+49 15# #######"),
    Country("FR", ("Camille", "Louis", "Chloé", "Hugo", "Léa", "Gabriel", "Manon", "Jules"),
            ("Dubois", "Martin", "Bernard", "Lefèvre", "Moreau", "Laurent", "Girard", "Roux"),
            "+33 6 ## ## ## ##"),
    Country("NL", ("Daan", "Sanne", "Bram", "Fleur", "Luuk", "Noor"),
            ("de Vries", "Jansen", "van Dijk", "Bakker", "Visser", "Smit"), "+31 6 ########"),
    Country("SE", ("Elsa", "Oscar", "Astrid", "William", "Maja", "Erik"),
            ("Andersson", "Johansson", "Karlsson", "Nilsson", "Lindberg"), "+46 70 ### ## ##"),
    Country("IT", ("Giulia", "Matteo", "Sofia", "Lorenzo", "Chiara", "Marco"),
            ("Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Greco"), "+39 3## ### ####"),
    Country("ES", ("Lucía", "Pablo", "Martina", "Javier", "Carmen", "Diego"),
            ("García", "Fernández", "López", "Martínez", "Sánchez", "Romero"), "+34 6## ### ###"),
    Country("JP", ("Yuki", "Haruto", "Aoi", "Sakura", "Ren", "Hina", "Sota", "Yui"),
            ("Tanaka", "Sato", "Suzuki", "Takahashi", "Watanabe", "Ito", "Yamamoto"), "+81 90-####-####"),
    Country("KR", ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yun", "Ji-woo"),
            ("Kim", "Lee", "Park", "Choi", "Jung", "Kang"), "+82 10-####-####", family_first=True),
    Country("CN", ("Wei", "Na", "Jing", "Hao", "Xin", "Yu", "Lei", "Mei"),
            ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao"), "+86 13# #### ####", family_first=True),
    Country("SG", ("Wei Ling", "Jun Jie", "Hui Min", "Kai Wen", "Siti", "Arjun"),
            ("Tan", "Lim", "Lee", "Ng", "Wong", "Goh"), "+65 9### ####", family_first=True),
    Country("MY", ("Mei Ling", "Wei Jie", "Kok Wai", "Pei Shan", "Jia Hui"),
            ("Ong", "Teoh", "Chong", "Yap", "Loh"), "+60 12-### ####", family_first=True),
    Country("ID", ("Putri", "Budi", "Dewi", "Agus", "Rizky", "Sari"),
            ("Santoso", "Wijaya", "Hidayat", "Saputra", "Pratama"), "+62 812-####-####"),
    Country("IN", ("Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram"),
            ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair"), "+91 98### #####"),
)

EMAIL_DOMAINS = ("example.com", "example.net", "example.org", "mail.example", "inbox.example")
