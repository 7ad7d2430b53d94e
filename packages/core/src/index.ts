export * from "./model/rule";
export * from "./model/request";
export * from "./regex";
