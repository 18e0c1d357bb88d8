-- Sign-in stages are named by what they wait for. Rows written before keep their meaning.
UPDATE "SignIn" SET "stage" = 'AWAITING_CODE' WHERE "stage" = 'PENDING';
UPDATE "SignIn" SET "stage" = 'AWAITING_ENROLMENT' WHERE "stage" = 'ENROLL';
